import { caseDecider, caseStreamId, type CaseCommand, type CaseEvent } from '#domain';
import {
  EventIdConflictError,
  WrongExpectedVersionError,
  type AppendOptions,
  type JsonObject,
  type NewEvent,
  type RecordedEvent,
} from '#event-store';
import type { Principal } from '#security';
import type { CommandContext } from './command-context.js';
import {
  ConcurrentModificationError,
  IdempotencyKeyReusedError,
  NationalViewReadOnlyError,
  StalePreconditionError,
} from './errors.js';
import { handleCommand, type CommandDeps, type Unstamped } from './handle-command.js';

const TENANT = 'jc-test';
const CASE_ID = '0193a3c4-6f1e-7c2a-9b7e-5d0c1e2f3a4b';
const STREAM = caseStreamId(CASE_ID);
const caseworker: Principal = { subject: 'anna', tenant: TENANT, roles: ['caseworker'] };

/** Just enough of an event store: streams in memory, expected versions and event ids checked. */
class FakeStore {
  readonly streams = new Map<string, RecordedEvent[]>();
  private position = 0;
  /** What another writer appends just before the next append (a concurrent request). */
  interleave?: (events: readonly NewEvent[]) => readonly NewEvent[];

  async readStream(tenant: string, streamId: string): Promise<RecordedEvent[]> {
    return [...(this.streams.get(`${tenant}/${streamId}`) ?? [])];
  }

  async appendToStream(
    tenant: string,
    streamId: string,
    events: readonly NewEvent[],
    options: AppendOptions,
  ) {
    const other = this.interleave?.(events);
    this.interleave = undefined;
    if (other) this.write(tenant, streamId, other, { expectedVersion: 'any' });
    return this.write(tenant, streamId, events, options);
  }

  private write(
    tenant: string,
    streamId: string,
    events: readonly NewEvent[],
    { expectedVersion }: AppendOptions,
  ) {
    const stream = this.streams.get(`${tenant}/${streamId}`) ?? [];
    const known = [...this.streams.values()].flat().map((e) => e.eventId);
    const clash = events.find((e) => known.includes(e.eventId));
    if (clash) throw new EventIdConflictError(clash.eventId, 'used before');
    if (typeof expectedVersion === 'number' && expectedVersion !== stream.length) {
      throw new WrongExpectedVersionError(tenant, streamId, expectedVersion, stream.length);
    }
    for (const event of events) {
      stream.push({
        ...event,
        tenant,
        streamId,
        version: stream.length + 1,
        position: ++this.position,
        allPosition: { commit: this.position, prepare: this.position },
        recordedAt: '2026-04-01T00:00:00.000Z',
        personal: event.personal ?? null,
        hash: 'h',
      });
    }
    this.streams.set(`${tenant}/${streamId}`, stream);
    return {
      nextExpectedVersion: stream.length,
      position: this.position,
      allPosition: { commit: this.position, prepare: this.position },
      duplicate: false,
    };
  }
}

function setup() {
  const store = new FakeStore();
  const sealed: { tenant: string; caseId: string; personal: JsonObject }[] = [];
  const conflicts: string[] = [];
  const deps: CommandDeps = {
    store,
    vault: {
      seal: async (tenant, caseId, personal) => {
        sealed.push({ tenant, caseId, personal });
        return { enc: 'A256GCM', key: 'k', iv: 'i', data: 'sealed', tag: 't' };
      },
    },
    // 23:30 in Berlin on 31 March is already 1 April there.
    clock: () => new Date('2026-03-31T22:30:00Z'),
    observer: { conflict: (kind) => conflicts.push(kind), appendStarted: () => () => undefined },
  };
  return { store, deps, sealed, conflicts };
}

const enrol: Unstamped<CaseCommand> = {
  type: 'EnrolClient',
  data: {
    caseId: CASE_ID,
    enrolledOn: '2026-03-02',
    personKey: 'pk_handle-command-test',
    client: {
      givenName: 'Olena',
      familyName: 'Beispiel',
      dateOfBirth: '1990-04-17',
      gender: 'female',
    },
    targetGroups: { singleParent: false, refugeeUkraine: true },
  },
};
const assign: Unstamped<CaseCommand> = {
  type: 'AssignCaseworker',
  data: { caseworkerId: 'anna.schmidt', assignedOn: '2026-04-01' },
};

function context(extra: Partial<CommandContext> = {}): CommandContext {
  return { principal: caseworker, correlationId: 'corr-1', ...extra };
}

const run = (deps: CommandDeps, ctx: CommandContext, command: Unstamped<CaseCommand>) =>
  handleCommand(deps, ctx, STREAM, caseDecider, command);

describe('handleCommand', () => {
  it("decides on the Jobcenter's day, seals personal data with the case's key, and appends one envelope", async () => {
    const { store, deps, sealed } = setup();
    const outcome = await run(deps, context(), enrol);
    expect(outcome).toMatchObject({ version: 1, position: 1, replayed: false });
    const [stored] = await store.readStream(TENANT, STREAM);
    expect(stored!.type).toBe('ClientEnrolled');
    expect(stored!.metadata).toEqual({
      actor: 'anna',
      actorRoles: ['caseworker'],
      correlationId: 'corr-1',
      causationId: expect.any(String) as unknown,
    });
    expect(stored!.personal).toMatchObject({ data: 'sealed' });
    expect(sealed).toEqual([
      {
        tenant: TENANT,
        caseId: CASE_ID,
        personal: expect.objectContaining({ givenName: 'Olena' }) as unknown,
      },
    ]);
    // The clock's day, not UTC's: an assignment dated 1 April is not in the future.
    await expect(run(deps, context(), assign)).resolves.toMatchObject({ version: 2 });
  });

  it('answers a retry with the same Idempotency-Key with the first result, and refuses the key for another request', async () => {
    const { store, deps } = setup();
    const idempotency = { key: 'b1b2c3d4-0000-4000-8000-000000000001', requestHash: 'first' };
    const first = await run(deps, context({ idempotency }), enrol);
    const retry = await run(deps, context({ idempotency }), enrol);
    expect(retry).toMatchObject({ version: first.version, position: first.position });
    expect(retry.replayed).toBe(true);
    expect(retry.events.map((e) => e.data)).toEqual(first.events.map((e) => e.data));
    expect(await store.readStream(TENANT, STREAM)).toHaveLength(1);
    const [stored] = await store.readStream(TENANT, STREAM);
    expect(stored!.metadata).toMatchObject({
      idempotencyKey: idempotency.key,
      requestHash: 'first',
    });
    await expect(
      run(deps, context({ idempotency: { ...idempotency, requestHash: 'other' } }), enrol),
    ).rejects.toBeInstanceOf(IdempotencyKeyReusedError);
  });

  it('refuses a stale If-Match with the current version, before deciding', async () => {
    const { deps, conflicts } = setup();
    await run(deps, context(), enrol);
    const refused = run(deps, context({ ifMatch: 0 }), assign);
    await expect(refused).rejects.toBeInstanceOf(StalePreconditionError);
    await expect(refused).rejects.toMatchObject({ expectedVersion: 0, currentVersion: 1 });
    expect(conflicts).toEqual(['precondition-failed']);
    await expect(run(deps, context({ ifMatch: 1 }), assign)).resolves.toMatchObject({
      version: 2,
    });
  });

  it('lets the national view change nothing', async () => {
    const { store, deps } = setup();
    const national = context({ principal: { ...caseworker, tenant: '*' } });
    await expect(run(deps, national, enrol)).rejects.toBeInstanceOf(NationalViewReadOnlyError);
    expect(store.streams.size).toBe(0);
  });

  it('refuses a write that lost a race as a concurrent modification, with the version that won', async () => {
    const { store, deps, conflicts } = setup();
    await run(deps, context(), enrol);
    store.interleave = () => [someEvent()];
    const lost = run(deps, context(), assign);
    await expect(lost).rejects.toBeInstanceOf(ConcurrentModificationError);
    await expect(lost).rejects.toMatchObject({ currentVersion: 2 });
    expect(conflicts).toEqual(['concurrent-write']);
  });

  it('answers a concurrent retry that won the race with its result', async () => {
    const { store, deps } = setup();
    const idempotency = { key: 'b1b2c3d4-0000-4000-8000-000000000002', requestHash: 'same' };
    // Its twin (same key, same request) decided the same events and appended them first.
    store.interleave = (events) => events;
    const outcome = await run(deps, context({ idempotency }), enrol);
    expect(outcome).toMatchObject({ version: 1, replayed: true });
    expect(await store.readStream(TENANT, STREAM)).toHaveLength(1);
  });
});

function someEvent(): NewEvent {
  const event: CaseEvent = {
    type: 'CaseworkerAssigned',
    data: { caseworkerId: 'x', assignedOn: '2026-03-03' },
  };
  return {
    eventId: 'x',
    type: event.type,
    schemaVersion: 1,
    effectiveDate: '2026-03-03',
    data: event.data,
    metadata: { actor: 'someone', correlationId: 'c' },
  };
}
