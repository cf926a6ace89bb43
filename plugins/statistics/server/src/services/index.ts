import summary from './summary';
import inspection from './inspection';
import annualReport from './annual-report';
import dashboard from './dashboard';
import runs from './runs';
import nodeStats from './node-stats';
import itemStats from './item-stats';

export default { summary, inspection, 'annual-report': annualReport, dashboard, runs, 'node-stats': nodeStats, 'item-stats': itemStats };
