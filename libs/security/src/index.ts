export * from './roles.js';
export * from './tokens.js';
export * from './nest/auth.js';
export * from './access-log.js';
