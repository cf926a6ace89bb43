export * from './calendar';
export * from './dates';
