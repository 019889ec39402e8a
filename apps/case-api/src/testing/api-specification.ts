/**
 * Specification tests of the command API, as Emmett's `ApiSpecification`: given these events in
 * these streams, when this request, then these new events (or this problem). The real case-api
 * module and HTTP pipeline answer in process (light-my-request, no port), on the in-memory event
 * store and vault: no server and no database. Whether it works on PostgreSQL is the e2e tests' job.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { Module, type DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { inject, type InjectOptions } from 'light-my-request';
import { caseIdOfStream, upcast, type DomainEvent } from '#domain';
import { eventEnvelope, openCaseEvents, sealed } from '#cases';
import {
  EVENT_STORE,
  InMemoryEventStore,
  READ_EVENT_STORE,
  SQL_DATABASE,
  type JsonObject,
  type RecordedEvent,
} from '#event-store';
import { HttpPlatformModule, configureHttp, type ProblemDetails } from '#http';
import { InMemoryCaseKeyStore, Keyring, PersonalDataVault, VAULT } from '#privacy';
import { issueToken, type Role } from '#security';
import { CaseApiModule } from '../case-api.module.js';

const SECRET = randomBytes(32);

/** The events already in one stream of one Jobcenter before the request. */
export interface GivenStream {
  readonly tenant: string;
  readonly streamId: string;
  readonly events: readonly DomainEvent[];
}

export function existingStream(
  tenant: string,
  streamId: string,
  events: readonly DomainEvent[],
): GivenStream {
  return { tenant, streamId, events };
}

export interface SpecRequest {
  readonly as: { readonly tenant: string; readonly roles: Role | readonly Role[] };
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
}

export interface SpecResponse {
  readonly status: number;
  readonly headers: Record<string, string | string[] | number | undefined>;
  readonly body: unknown;
  /** Every event the request appended, in order, with its personal part opened. */
  readonly newEvents: readonly RecordedEvent[];
}

/** The new events of the request, as domain events (type, data, and personal where there is one). */
export function domainEventsOf(recorded: readonly RecordedEvent[]): DomainEvent[] {
  return recorded.map((event) => {
    const { type, data, personal } = upcast(event);
    return (personal ? { type, data, personal } : { type, data }) as DomainEvent;
  });
}

/**
 * `apiSpecification({ today })` builds one in-process app; each `given(...).when(...)` starts
 * from an empty store, so specifications do not see each other's events.
 */
export function apiSpecification(options: { readonly today: string }) {
  const clock = () => new Date(`${options.today}T10:00:00Z`);
  return {
    given(...streams: GivenStream[]) {
      return {
        when(request: SpecRequest) {
          const run = () => runSpecification(clock, streams, request);
          return {
            /** Expects exactly these new domain events (and a 2xx answer). */
            async then(expected: readonly DomainEvent[]): Promise<SpecResponse> {
              const response = await run();
              if (response.status >= 300)
                throw new Error(
                  `Expected ${expected.length} new event(s), got ${response.status}: ${JSON.stringify(response.body)}`,
                );
              expect(domainEventsOf(response.newEvents)).toStrictEqual(expected);
              return response;
            },
            /** Expects this problem (status and code; field names if given) and no event at all. */
            async thenProblem(
              status: number,
              code: string,
              fields?: readonly string[],
            ): Promise<ProblemDetails> {
              const response = await run();
              const problem = response.body as ProblemDetails;
              expect({ status: response.status, code: problem.code }).toEqual({ status, code });
              expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
              if (fields)
                expect((problem.errors ?? []).map((error) => error.field)).toEqual(fields);
              expect(response.newEvents).toEqual([]);
              return problem;
            },
            /** The whole answer, for what the two expectations above do not say. */
            response: run,
          };
        },
      };
    },
  };
}

async function runSpecification(
  clock: () => Date,
  streams: readonly GivenStream[],
  request: SpecRequest,
): Promise<SpecResponse> {
  const store = new InMemoryEventStore({ clock });
  const vault = new PersonalDataVault(new InMemoryCaseKeyStore(), new Keyring(randomBytes(32)));
  const app = await specificationApp(store, vault, clock);
  try {
    for (const given of streams) await appendGiven(store, vault, given);
    const before = (await store.readAll()).events.length;
    const roles = typeof request.as.roles === 'string' ? [request.as.roles] : request.as.roles;
    const token = await issueToken({
      secret: SECRET,
      tenant: request.as.tenant,
      roles: [...roles],
      subject: 'spec-caseworker',
    });
    const injected: InjectOptions = {
      method: request.method,
      url: request.path,
      headers: {
        authorization: `Bearer ${token}`,
        ...(request.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...request.headers,
      },
      ...(request.body === undefined ? {} : { payload: JSON.stringify(request.body) }),
    };
    const answer = await inject(
      app.getHttpAdapter().getInstance() as Parameters<typeof inject>[0],
      injected,
    );
    const appended = (await store.readAll()).events.slice(before);
    return {
      status: answer.statusCode,
      headers: answer.headers,
      body: answer.payload === '' ? undefined : (JSON.parse(answer.payload) as unknown),
      newEvents: await opened(vault, appended),
    };
  } finally {
    await app.close();
  }
}

/** Given events are stored as the write path stores them: one envelope, personal data sealed. */
async function appendGiven(
  store: InMemoryEventStore,
  vault: PersonalDataVault,
  given: GivenStream,
): Promise<void> {
  const envelope = {
    actor: 'spec-given',
    actorRoles: ['caseworker'],
    correlationId: randomUUID(),
    causationId: randomUUID(),
  };
  const events = await Promise.all(
    given.events.map(async (event) =>
      eventEnvelope(
        event,
        randomUUID(),
        envelope,
        await sealed(vault, given.tenant, given.streamId, event),
      ),
    ),
  );
  await store.appendToStream(given.tenant, given.streamId, events, { expectedVersion: 'any' });
}

/** The appended events with their personal parts opened, as an assertion wants to read them. */
async function opened(
  vault: PersonalDataVault,
  recorded: readonly RecordedEvent[],
): Promise<RecordedEvent[]> {
  return Promise.all(
    recorded.map(async (event) => {
      const caseId = caseIdOfStream(event.streamId);
      if (caseId === undefined || !event.personal) return event;
      const [open] = (
        await openCaseEvents(vault, event.tenant, caseId, [event], [upcast(event) as never])
      ).events;
      return { ...event, personal: (open?.personal ?? null) as JsonObject | null };
    }),
  );
}

function noDatabase(): Promise<never> {
  return Promise.reject(new Error('a specification has no database'));
}

@Module({})
class SpecificationModule {
  static with(
    store: InMemoryEventStore,
    vault: PersonalDataVault,
    clock: () => Date,
  ): DynamicModule {
    return {
      module: SpecificationModule,
      global: true,
      providers: [
        { provide: EVENT_STORE, useValue: store },
        { provide: READ_EVENT_STORE, useValue: store },
        { provide: VAULT, useValue: vault },
        // Only /health reads SQL; a specification never asks it.
        { provide: SQL_DATABASE, useValue: { query: noDatabase, transaction: noDatabase } },
      ],
      exports: [EVENT_STORE, READ_EVENT_STORE, VAULT, SQL_DATABASE],
      imports: [
        HttpPlatformModule.forRoot({
          verification: { kind: 'secret', secret: SECRET },
          rateLimitPerMinute: 100_000,
          authFailuresPerMinute: 100_000,
          clock,
        }),
        CaseApiModule,
      ],
    };
  }
}

async function specificationApp(
  store: InMemoryEventStore,
  vault: PersonalDataVault,
  clock: () => Date,
): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(
    SpecificationModule.with(store, vault, clock),
    { bodyParser: false, logger: false, abortOnError: false },
  );
  configureHttp(app);
  await app.init();
  return app;
}
