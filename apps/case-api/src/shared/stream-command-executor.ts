/**
 * The one path every command takes: load the stream, fold it with the decider's `evolve`,
 * honour `Idempotency-Key` and `If-Match`, `decide`, and append with the version it decided
 * on. Handlers only say which stream and which domain command; the rules live in the domain.
 */
import { Inject, Injectable } from '@nestjs/common';
import { v5 as uuidv5, v7 as uuidv7 } from 'uuid';
import {
  CURRENT_SCHEMA_VERSION,
  effectiveDateOf,
  upcast,
  type Decider,
  type DomainEvent,
} from '#domain';
import {
  EVENT_STORE,
  EventIdConflictError,
  WrongExpectedVersionError,
  type EventStore,
  type JsonObject,
  type NewEvent,
  type RecordedEvent,
} from '#event-store';
import { Metrics, Problem } from '#http';
import { VAULT, type PersonalDataVault } from '#privacy';
import { NATIONAL_TENANT } from '#security';
import { CLOCK, germanCalendarDay, type Clock } from '#http';
import type { CommandContext } from './command-context.js';

/** Namespace of the UUIDv5 ids derived from an Idempotency-Key. */
const IDEMPOTENCY_NAMESPACE = '5c1f3f0e-7d1a-4c7e-9a52-0b7f3c2e9d41';

export interface LoadedStream<State, E> {
  readonly state: State;
  /** 0 for a stream that does not exist yet. */
  readonly version: number;
  readonly recorded: readonly RecordedEvent[];
  readonly events: readonly E[];
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

@Injectable()
export class StreamCommandExecutor {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly metrics: Metrics,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(VAULT) private readonly vault: PersonalDataVault,
  ) {}

  /** The Jobcenter's calendar day; the domain has no clock of its own. */
  today(): string {
    return germanCalendarDay(this.clock());
  }

  async load<State, E extends DomainEvent>(
    tenant: string,
    streamId: string,
    decider: Pick<Decider<State, never, E>, 'initialState' | 'evolve'>,
  ): Promise<LoadedStream<State, E>> {
    const recorded = await this.store.readStream(tenant, streamId);
    const events = recorded.map((event) => upcast(event) as E);
    let state = decider.initialState();
    for (const event of events) state = decider.evolve(state, event);
    return { state, version: recorded.at(-1)?.version ?? 0, recorded, events };
  }

  /**
   * An id for something the command creates (a case, an assignment, an employment): derived
   * from the Idempotency-Key when there is one, so that a retry decides exactly the same.
   */
  newId(context: CommandContext, purpose: string): string {
    return context.idempotency
      ? uuidv5(
          `${context.principal.tenant}\n${context.idempotency.key}\n${purpose}`,
          IDEMPOTENCY_NAMESPACE,
        )
      : uuidv7();
  }

  async execute<State, C, E extends DomainEvent>(
    context: CommandContext,
    streamId: string,
    decider: Decider<State, C, E>,
    commandFor: (loaded: LoadedStream<State, E>, today: string) => C,
  ): Promise<CommandOutcome<E>> {
    const tenant = context.principal.tenant;
    if (tenant === NATIONAL_TENANT) {
      throw new Problem(403, 'forbidden', 'Forbidden', 'The national view cannot change a stream');
    }
    const loaded = await this.load(tenant, streamId, decider);
    const replay = this.replayOf(context, loaded);
    if (replay) return replay;
    if (context.ifMatch !== undefined && context.ifMatch !== loaded.version) {
      this.metrics.commandConflicts.inc({ kind: 'precondition-failed' });
      throw new Problem(
        412,
        'stale-version',
        'The case changed since you read it',
        `If-Match names version ${context.ifMatch}; the current version is ${loaded.version}. Read it again and decide anew.`,
        { currentVersion: loaded.version },
        { ETag: `"${loaded.version}"` },
      );
    }
    const command = commandFor(loaded, this.today());
    const decided = decider.decide(command, loaded.state);
    const commandId = this.newId(context, 'command');
    const toAppend = await Promise.all(
      decided.map((event, index) => this.toNewEvent(context, streamId, commandId, event, index)),
    );
    const timer = this.metrics.appendDuration.startTimer();
    try {
      const result = await this.store.appendToStream(tenant, streamId, toAppend, {
        expectedVersion: loaded.version,
      });
      timer({ outcome: 'appended' });
      return {
        events: decided,
        version: result.nextExpectedVersion,
        position: result.position,
        replayed: result.duplicate,
      };
    } catch (error) {
      timer({ outcome: 'refused' });
      if (error instanceof WrongExpectedVersionError || error instanceof EventIdConflictError) {
        // A concurrent retry with the same key may have won: then its result is ours too.
        const raced = context.idempotency
          ? this.replayOf(context, await this.load(tenant, streamId, decider))
          : undefined;
        if (raced) return raced;
      }
      if (error instanceof WrongExpectedVersionError) {
        this.metrics.commandConflicts.inc({ kind: 'concurrent-write' });
        throw new Problem(
          409,
          'concurrent-modification',
          'Another change to this case was recorded at the same time',
          'Read the case again and retry the command if it still applies.',
          { currentVersion: error.actualVersion },
        );
      }
      if (error instanceof EventIdConflictError) throw idempotencyKeyReused();
      throw error;
    }
  }

  /** The event as stored: a case's personal data sealed with the case's own key. */
  private async toNewEvent(
    context: CommandContext,
    streamId: string,
    commandId: string,
    event: DomainEvent,
    index: number,
  ): Promise<NewEvent> {
    const metadata: Record<string, string | string[]> = {
      actor: context.principal.subject,
      actorRoles: [...context.principal.roles],
      correlationId: context.correlationId,
      causationId: commandId,
    };
    if (context.idempotency) {
      metadata.idempotencyKey = context.idempotency.key;
      metadata.requestHash = context.idempotency.requestHash;
    }
    return {
      eventId: this.newId(context, `event-${index}`),
      type: event.type,
      schemaVersion: CURRENT_SCHEMA_VERSION[event.type],
      effectiveDate: effectiveDateOf(event),
      data: event.data as unknown as JsonObject,
      personal: event.personal
        ? ((await this.vault.seal(
            context.principal.tenant,
            caseIdOf(streamId),
            event.personal as unknown as JsonObject,
          )) as unknown as JsonObject)
        : null,
      metadata: metadata as NewEvent['metadata'],
    };
  }

  /** The first result of a retried request, if this stream already holds its events. */
  private replayOf<State, E>(
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
    if (first.metadata.requestHash !== context.idempotency?.requestHash)
      throw idempotencyKeyReused();
    const last = loaded.recorded[indexes.at(-1)!]!;
    return {
      events: indexes.map((i) => loaded.events[i]!),
      version: last.version,
      position: last.position,
      replayed: true,
    };
  }
}

/** Personal data only ever belongs to a client case: its key is the case's. */
function caseIdOf(streamId: string): string {
  if (!streamId.startsWith('case-'))
    throw new Error(`personal data outside a case stream: ${streamId}`);
  return streamId.slice('case-'.length);
}

function idempotencyKeyReused(): Problem {
  return new Problem(
    422,
    'idempotency-key-reused',
    'This Idempotency-Key was used for a different request',
    'Use a new key for every new command; reuse a key only to retry the very same request.',
  );
}
