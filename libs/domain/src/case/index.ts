export * from './case.decider.js';
export * from './commands.js';
export * from './events.js';
export * from './rules.js';
export * from './state.js';
