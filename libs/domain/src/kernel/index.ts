export * from './calendar-date.js';
export * from './date-rules.js';
export * from './decider.js';
export * from './errors.js';
export * from './records.js';
