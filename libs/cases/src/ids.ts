import { v5 as uuidv5, v7 as uuidv7 } from 'uuid';
import type { CommandContext } from './command-context.js';

/** Namespace of the UUIDv5 ids derived from an Idempotency-Key. */
const IDEMPOTENCY_NAMESPACE = '5c1f3f0e-7d1a-4c7e-9a52-0b7f3c2e9d41';

/**
 * An id for something a command creates (a case, an assignment, an event): derived from the
 * Idempotency-Key when there is one, so that a retry decides exactly the same.
 */
export function newId(context: CommandContext, purpose: string): string {
  return context.idempotency
    ? uuidv5(
        `${context.principal.tenant}\n${context.idempotency.key}\n${purpose}`,
        IDEMPOTENCY_NAMESPACE,
      )
    : uuidv7();
}
