/** Injection tokens of the integrity feature (provided by AuditIntegrityModule). */
export const CHECKPOINT_SIGNING_KEY = Symbol('CheckpointSigningKey');
export const CHECKPOINT_INTERVAL = Symbol('CheckpointInterval');
