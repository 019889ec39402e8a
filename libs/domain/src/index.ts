export * from './case/index.js';
export * from './events.js';
export * from './kernel/index.js';
export * from './programme/index.js';
export * from './schema/index.js';
export * from './streams.js';
