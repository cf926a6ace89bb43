import changes from './changes';
import targets from './targets';

export default { changes, targets };
