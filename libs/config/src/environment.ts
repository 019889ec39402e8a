/**
 * The one reader of the environment. Every setting of every process is read through it, by its
 * variable's name, so that one scan of the source finds every variable (see
 * configuration-docs.unit.spec.ts). Problems are collected, not thrown one by one, so that one
 * start names every wrong value.
 */

export type Environment = Readonly<Record<string, string | undefined>>;

/** The process's own environment: the only place that touches `process.env`. */
export function processEnvironment(): Environment {
  return process.env;
}

/** Every problem of one process's configuration, each naming the variable and its rule. */
export class ConfigError extends Error {
  constructor(
    readonly problems: readonly string[],
    subject = 'configuration',
  ) {
    super(`Invalid ${subject}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Where each kind of process listens (PORT) when nothing is set; the healthcheck asks there. */
export const DEFAULT_PORTS = { server: 3000, relay: 3002, projectorWorker: 3003 } as const;

const BROKER = /^[A-Za-z0-9.-]+:\d{1,5}$/;
const KAFKA_NAME = /^[A-Za-z0-9._-]{1,249}$/;

/**
 * Reads and checks variables. `label` says how a variable is named in a problem (e.g. with the
 * CLI option that overrides it).
 */
export class EnvironmentReader<Variable extends string> {
  readonly problems: string[] = [];

  constructor(
    private readonly env: Environment,
    private readonly label: (variable: Variable) => string = (variable) => variable,
  ) {}

  /** The value as set (an empty string included), or undefined. */
  text(variable: Variable): string | undefined {
    return this.env[variable];
  }

  /** A whole number from `min` to `max`; `fallback` when unset. */
  integer(variable: Variable, fallback: number, min: number, max: number): number {
    const text = this.env[variable] ?? String(fallback);
    const value = Number(text);
    if (!/^\d+$/.test(text) || value < min || value > max) {
      this.problem(variable, `must be a whole number from ${min} to ${max}, got "${text}"`);
    }
    return value;
  }

  /** One of `choices`; `fallback` when unset. */
  oneOf<Choice extends string>(
    variable: Variable,
    choices: readonly Choice[],
    fallback: Choice,
  ): Choice {
    const value = (this.env[variable] ?? fallback) as Choice;
    if (!choices.includes(value)) {
      this.problem(variable, `must be one of ${choices.join(', ')}, got "${value}"`);
    }
    return value;
  }

  /** A postgres:// URL (required); `what` says which database it must point at. */
  postgresUrl(variable: Variable, what: string): string {
    const url = this.env[variable]?.trim() ?? '';
    if (!/^postgres(ql)?:\/\//.test(url))
      this.problem(variable, `must be the postgres:// URL of ${what}`);
    return url;
  }

  /** A comma-separated list of host:port (required). */
  brokers(variable: Variable): string[] {
    const brokers = (this.env[variable] ?? '')
      .split(',')
      .map((b) => b.trim())
      .filter((b) => b !== '');
    if (brokers.length === 0 || !brokers.every((b) => BROKER.test(b))) {
      this.problem(
        variable,
        `must be a comma-separated list of host:port, got "${this.env[variable] ?? ''}"`,
      );
    }
    return brokers;
  }

  /** A Kafka topic, group or client name; `fallback` when unset. */
  kafkaName(variable: Variable, fallback: string): string {
    const value = this.env[variable] ?? fallback;
    if (!KAFKA_NAME.test(value) || value === '.' || value === '..') {
      this.problem(variable, `must be 1-249 letters, digits, '.', '_' or '-', got "${value}"`);
    }
    return value;
  }

  problem(variable: Variable, rule: string): void {
    this.problems.push(`${this.label(variable)} ${rule}`);
  }

  /** Throws a ConfigError naming every problem found so far, if any. */
  check(subject?: string): void {
    if (this.problems.length > 0) throw new ConfigError(this.problems, subject);
  }
}
