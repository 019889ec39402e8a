export * from './commands.js';
export * from './events.js';
export * from './programme.decider.js';
export * from './rules.js';
export * from './state.js';
