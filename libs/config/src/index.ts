export * from './environment.js';
export * from './server.config.js';
export * from './relay.config.js';
export * from './projector-worker.config.js';
export * from './development-keys.js';
export * from './keys.js';
export * from './cli.config.js';
