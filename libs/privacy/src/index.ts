export * from './vault.js';
export * from './privacy.module.js';
