/** A usage error: exit code 2; the message names the option and the rule. */
export class UsageError extends Error {
  override name = 'UsageError';
}
