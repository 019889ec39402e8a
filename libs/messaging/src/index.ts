export * from './event-message.js';
export * from './kafka.js';
export * from './relay.js';
export * from './consumed-event.js';
export * from './ops.js';
export * from './relay-service.js';
