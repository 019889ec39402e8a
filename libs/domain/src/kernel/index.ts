export * from './calendar-date.js';
export * from './decider.js';
export * from './errors.js';
