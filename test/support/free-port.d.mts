// Types for free-port.mjs (plain ESM so that it also runs outside jest's transform).
export function freePort(): Promise<number>;
