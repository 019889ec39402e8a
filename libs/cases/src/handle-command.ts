/**
 * The one write path, as in Emmett's `handle`: load and fold the stream, answer an
 * Idempotency-Key retry with its first result, check If-Match, stamp the day, decide, seal the
 * personal data, and append with the version it decided on. No HTTP: refusals are typed errors.
 */
import {
  caseIdOfStream,
  germanCalendarDay,
  type CommandMetadata,
  type Decider,
  type DomainEvent,
} from '#domain';
import {
  EventIdConflictError,
  WrongExpectedVersionError,
  type EventStore,
  type JsonObject,
} from '#event-store';
import type { PersonalDataVault } from '#privacy';
import { NATIONAL_TENANT } from '#security';
import type { CommandContext } from './command-context.js';
import { commandEnvelope, eventEnvelope } from './envelope.js';
import {
  ConcurrentModificationError,
  IdempotencyKeyReusedError,
  NationalViewReadOnlyError,
  StalePreconditionError,
} from './errors.js';
import { newId } from './ids.js';
import { loadStream, type LoadedStream } from './load-stream.js';

export type PersonalDataSealer = Pick<PersonalDataVault, 'seal'>;

/** Where the write path reports what the operators count (metrics); optional. */
export interface CommandObserver {
  conflict(kind: 'precondition-failed' | 'concurrent-write'): void;
  /** Called as an append starts; the function it returns as the append ends. */
  appendStarted(): (outcome: 'appended' | 'refused') => void;
}

export interface CommandDeps {
  readonly store: Pick<EventStore, 'readStream' | 'appendToStream'>;
  readonly vault: PersonalDataSealer;
  /** The day of a command is `germanCalendarDay` of this clock's reading. */
  readonly clock: () => Date;
  readonly observer?: CommandObserver;
}

/** A command before its day is stamped (the domain has no clock of its own). */
export type Unstamped<C> = C extends unknown ? Omit<C, 'metadata'> : never;

export function stampDay<C extends { readonly metadata: CommandMetadata }>(
  command: Unstamped<C>,
  today: string,
): C {
  return { ...command, metadata: { today } } as unknown as C;
}

export interface CommandOutcome<E> {
  /** The events of this command: decided now, or recorded by the first of its retries. */
  readonly events: readonly E[];
  /** The stream's version after the command (its ETag). */
  readonly version: number;
  /** Global position of the command's last event (for read-your-writes). */
  readonly position: number;
  /** True when an Idempotency-Key retry was answered with the first result. */
  readonly replayed: boolean;
}

export async function handleCommand<
  State,
  C extends { readonly metadata: CommandMetadata },
  E extends DomainEvent,
>(
  deps: CommandDeps,
  context: CommandContext,
  streamId: string,
  decider: Decider<State, C, E>,
  command: Unstamped<C>,
): Promise<CommandOutcome<E>> {
  const tenant = context.principal.tenant;
  if (tenant === NATIONAL_TENANT) throw new NationalViewReadOnlyError();
  const loaded = await loadStream(deps.store, tenant, streamId, decider);
  const replay = replayOf(context, loaded);
  if (replay) return replay;
  if (context.ifMatch !== undefined && context.ifMatch !== loaded.version) {
    deps.observer?.conflict('precondition-failed');
    throw new StalePreconditionError(context.ifMatch, loaded.version);
  }
  const decided = decider.decide(
    stampDay<C>(command, germanCalendarDay(deps.clock())),
    loaded.state,
  );
  const envelope = commandEnvelope(context, newId(context, 'command'));
  const toAppend = await Promise.all(
    decided.map(async (event, index) =>
      eventEnvelope(
        event,
        newId(context, `event-${index}`),
        envelope,
        await sealed(deps.vault, tenant, streamId, event),
      ),
    ),
  );
  const appended = deps.observer?.appendStarted();
  try {
    const result = await deps.store.appendToStream(tenant, streamId, toAppend, {
      expectedVersion: loaded.version,
    });
    appended?.('appended');
    return {
      events: decided,
      version: result.nextExpectedVersion,
      position: result.position,
      replayed: result.duplicate,
    };
  } catch (error) {
    appended?.('refused');
    if (error instanceof WrongExpectedVersionError || error instanceof EventIdConflictError) {
      // A concurrent retry with the same key may have won: then its result is ours too.
      const raced = context.idempotency
        ? replayOf(context, await loadStream(deps.store, tenant, streamId, decider))
        : undefined;
      if (raced) return raced;
    }
    if (error instanceof WrongExpectedVersionError) {
      deps.observer?.conflict('concurrent-write');
      throw new ConcurrentModificationError(streamId, error.actualVersion);
    }
    if (error instanceof EventIdConflictError) throw new IdempotencyKeyReusedError();
    throw error;
  }
}

/** A case's personal data sealed with the case's own key; it never belongs to another stream. */
/** An event's personal part as stored: sealed with its case's own key (null if it has none). */
export async function sealed(
  vault: PersonalDataSealer,
  tenant: string,
  streamId: string,
  event: DomainEvent,
): Promise<JsonObject | null> {
  if (!event.personal) return null;
  const caseId = caseIdOfStream(streamId);
  if (caseId === undefined) throw new Error(`personal data outside a case stream: ${streamId}`);
  const personal = event.personal as unknown as JsonObject;
  return (await vault.seal(tenant, caseId, personal)) as unknown as JsonObject;
}

/** The first result of a retried request, if this stream already holds its events. */
function replayOf<State, E>(
  context: CommandContext,
  loaded: LoadedStream<State, E>,
): CommandOutcome<E> | undefined {
  const key = context.idempotency?.key;
  if (!key) return undefined;
  const indexes = loaded.recorded.flatMap((event, i) =>
    event.metadata.idempotencyKey === key ? [i] : [],
  );
  if (indexes.length === 0) return undefined;
  const first = loaded.recorded[indexes[0]!]!;
  if (first.metadata.requestHash !== context.idempotency?.requestHash) {
    throw new IdempotencyKeyReusedError();
  }
  const last = loaded.recorded[indexes.at(-1)!]!;
  return {
    events: indexes.map((i) => loaded.events[i]!),
    version: last.version,
    position: last.position,
    replayed: true,
  };
}
