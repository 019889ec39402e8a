import {
  DomainRuleViolation,
  foldEvents,
  type Decider,
  type DomainRuleKind,
} from '../kernel/index.js';
import { deepFreeze } from './deep-freeze.js';

export interface ExpectedViolation {
  readonly kind?: DomainRuleKind;
  readonly field?: string;
}

/**
 * Tests that read as the rule they check:
 * `given(decider, history).when(command).then(events)` or `.thenFails(code)`.
 * The state is frozen, so a `decide` that mutates it fails the test.
 */
export function given<State, C, E>(decider: Decider<State, C, E>, history: readonly NoInfer<E>[]) {
  const state = deepFreeze(foldEvents(decider, history));
  return {
    when(command: C) {
      return {
        /** Expects exactly these events, and that they fold onto the state. */
        then(expected: readonly E[]): void {
          const events = decider.decide(command, state);
          expect(events).toStrictEqual(expected);
          events.reduce(decider.evolve, state);
        },
        /** Expects a {@link DomainRuleViolation} with this code (and kind/field, if given). */
        thenFails(code: string, expected: ExpectedViolation = {}): DomainRuleViolation {
          let accepted: readonly E[] | undefined;
          let error: unknown;
          try {
            accepted = decider.decide(command, state);
          } catch (thrown) {
            error = thrown;
          }
          if (accepted !== undefined) {
            throw new Error(
              `Expected ${code}, but the command was accepted: ${JSON.stringify(accepted)}`,
            );
          }
          expect(error).toBeInstanceOf(DomainRuleViolation);
          const violation = error as DomainRuleViolation;
          expect(violation.code).toBe(code);
          if (expected.kind !== undefined) expect(violation.kind).toBe(expected.kind);
          if ('field' in expected) expect(violation.field).toBe(expected.field);
          return violation;
        },
      };
    },
  };
}
