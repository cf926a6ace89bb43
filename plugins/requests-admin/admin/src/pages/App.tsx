import { Route, Routes } from 'react-router-dom';
import { DetailPage } from './DetailPage';
import { ListPage } from './ListPage';

/** /admin/plugins/requests-admin (the list) and /admin/plugins/requests-admin/:documentId (one request). */
const App = () => (
  <Routes>
    <Route index element={<ListPage />} />
    <Route path=":documentId" element={<DetailPage />} />
  </Routes>
);

export { App };
export default App;
