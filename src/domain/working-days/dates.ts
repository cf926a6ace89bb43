/** Day arithmetic lives in src/domain/dates.ts; re-exported for the working-day modules. */
export * from '../dates';
