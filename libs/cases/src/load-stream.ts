/** Reading a stream as the write side sees it: upcast, folded with the decider's own `evolve`. */
import {
  caseDecider,
  caseStreamId,
  foldEvents,
  isEnrolled,
  programmeDecider,
  programmeStreamId,
  upcast,
  type CaseEvent,
  type Decider,
  type DomainEvent,
  type EnrolledCase,
  type ProgrammeEvent,
  type ProgrammeSnapshot,
  type ProgrammeState,
} from '#domain';
import type { EventStore, RecordedEvent } from '#event-store';
import { CaseNotFoundError, ProgrammeNotFoundError } from './errors.js';

export type StreamReader = Pick<EventStore, 'readStream'>;

export interface LoadedStream<State, E> {
  readonly state: State;
  /** 0 for a stream that does not exist yet. */
  readonly version: number;
  readonly recorded: readonly RecordedEvent[];
  readonly events: readonly E[];
}

export async function loadStream<State, E extends DomainEvent>(
  store: StreamReader,
  tenant: string,
  streamId: string,
  decider: Pick<Decider<State, never, E>, 'initialState' | 'evolve'>,
): Promise<LoadedStream<State, E>> {
  const recorded = await store.readStream(tenant, streamId);
  const events = recorded.map((event) => upcast(event) as E);
  const state = foldEvents(decider, events);
  return { state, version: recorded.at(-1)?.version ?? 0, recorded, events };
}

/** A case of the caller's Jobcenter, or {@link CaseNotFoundError}. */
export async function loadCase(
  store: StreamReader,
  tenant: string,
  caseId: string,
): Promise<LoadedStream<EnrolledCase, CaseEvent>> {
  const loaded = await loadStream(store, tenant, caseStreamId(caseId), caseDecider);
  const { state } = loaded;
  if (!isEnrolled(state)) throw new CaseNotFoundError(caseId);
  return { ...loaded, state };
}

/** A year's programme that exists, or {@link ProgrammeNotFoundError}. */
export async function loadProgramme(
  store: StreamReader,
  tenant: string,
  year: number,
): Promise<LoadedStream<ProgrammeState, ProgrammeEvent>> {
  const loaded = await loadStream(store, tenant, programmeStreamId(year), programmeDecider);
  if (loaded.version === 0) throw new ProgrammeNotFoundError(year);
  return loaded;
}

/**
 * The programme a measure assignment is decided against (empty if there is none: the domain
 * refuses then). Loaded before the case command is built: a command carries data, not loaders.
 */
export async function programmeSnapshot(
  store: StreamReader,
  tenant: string,
  year: number,
): Promise<ProgrammeSnapshot> {
  const loaded = await loadStream(store, tenant, programmeStreamId(year), programmeDecider);
  return { ...loaded.state, version: loaded.version };
}
