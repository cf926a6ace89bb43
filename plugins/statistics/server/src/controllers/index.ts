import statistics from './statistics';

export default { statistics };
