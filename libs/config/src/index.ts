export * from './server.config.js';
export * from './relay.config.js';
export * from './projector-worker.config.js';
