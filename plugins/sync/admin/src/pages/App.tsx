import { Route, Routes } from 'react-router-dom';
import { TargetPage } from './TargetPage';
import { TargetsPage } from './TargetsPage';

/** /admin/plugins/sync (the targets) and /admin/plugins/sync/:key (one target). */
const App = () => (
  <Routes>
    <Route index element={<TargetsPage />} />
    <Route path=":key" element={<TargetPage />} />
  </Routes>
);

export { App };
export default App;
