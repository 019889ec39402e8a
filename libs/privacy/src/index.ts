export * from './case-key-store.js';
export * from './person-key.js';
export * from './vault.js';
export * from './privacy.module.js';
export * from './sql-case-key-store.js';
export * from './testing/in-memory-case-keys.js';
