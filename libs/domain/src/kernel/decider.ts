/**
 * The decider pattern (as in Emmett's samples): an aggregate is an initial state, an
 * `evolve` that folds events into state, and a `decide` that turns a command and the
 * current state into new events or throws a typed {@link DomainRuleViolation}.
 * Pure functions only: no I/O, no clock. Time arrives in {@link CommandMetadata}.
 */

/** An event as the domain sees it: statistical/business data in clear, personal data apart. */
export interface Event<Type extends string, Data, Personal = never> {
  readonly type: Type;
  readonly data: Data;
  /**
   * Directly identifying personal data (names, exact date of birth, free text). Kept apart
   * from `data` so the store can encrypt it per client and crypto-shred it on erasure,
   * while statistics built from `data` survive.
   */
  readonly personal?: Personal;
}

/** What every command carries besides its own data. */
export interface CommandMetadata {
  /** The Jobcenter's current calendar day (Europe/Berlin), given by the caller: the domain has no clock. */
  readonly today: string;
}

export interface Command<Type extends string, Data> {
  readonly type: Type;
  readonly data: Data;
  readonly metadata: CommandMetadata;
}

export interface Decider<State, C, E> {
  readonly initialState: () => State;
  readonly evolve: (state: State, event: E) => State;
  /** Returns the events the command causes, or throws a {@link DomainRuleViolation}. */
  readonly decide: (command: C, state: State) => E[];
}

/** Folds events into state with the decider's own `evolve`: the write side and every replay use this. */
export function foldEvents<State, E>(
  decider: Pick<Decider<State, never, E>, 'initialState' | 'evolve'>,
  events: Iterable<E>,
): State {
  let state = decider.initialState();
  for (const event of events) state = decider.evolve(state, event);
  return state;
}

/** Compile-time exhaustiveness check at the end of a switch over a union. */
export function assertNever(value: never): never {
  throw new Error(`Unhandled variant: ${JSON.stringify(value)}`);
}
