/**
 * Typed domain errors. `code` is stable and becomes the RFC 9457 problem `type`
 * (`https://teilhabe.dev/problems/<code>`); `kind` says whether the command conflicts with
 * the current state (HTTP 409) or is unprocessable as given (HTTP 422).
 */
export type DomainRuleKind = 'conflict' | 'unprocessable';

export class DomainRuleViolation extends Error {
  constructor(
    readonly code: string,
    readonly kind: DomainRuleKind,
    message: string,
    /** The command field the rule is about, when there is one (e.g. `startedOn`). */
    readonly field?: string,
  ) {
    super(message);
    this.name = 'DomainRuleViolation';
  }
}
