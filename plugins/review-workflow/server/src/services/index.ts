import workflow from './workflow';
import checks from './checks';

export default { workflow, checks };
