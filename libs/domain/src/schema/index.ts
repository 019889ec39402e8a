export * from './client-enrolled.v1.js';
export * from './client-enrolled.v2.js';
export * from './personal-data-erased.v1.js';
export * from './upcast.js';
export * from './upcaster.js';
export * from './versions.js';
