import outbox from './outbox';
import representation from './representation';
import migration from './migration';
import targets from './targets';
import delivery from './delivery';

export default { outbox, representation, migration, targets, delivery };
