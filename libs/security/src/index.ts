export * from './roles.js';
export * from './tokens.js';
export * from './nest/auth.js';
