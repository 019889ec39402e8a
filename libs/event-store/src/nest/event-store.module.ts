// Nest wiring: one event store per process, opened and migrated at start, closed at shutdown,
// and a second pool on the read replica when there is one. Where events, read models and keys
// live in each mode: docs/design/event-store.md.
import { join } from 'node:path';
import { Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { openPGliteEventStore, openPostgresEventStore, type OpenOptions } from '../factories.js';
import type { EventStore } from '../event-store.js';
import { openKurrentDbEventStore } from '../kurrentdb/kurrentdb-event-store.js';
import { SqlEventStore } from '../postgres/sql-event-store.js';
import type { SqlDatabase } from '../sql/database.js';
import { PostgresDatabase } from '../sql/postgres-database.js';
import {
  SOLE_PROCESS,
  postgresLeaderElection,
  type LeaderElection,
} from '../postgres/leader-lock.js';

/** Injection token of the {@link EventStore} port. */
export const EVENT_STORE = Symbol('EventStore');
/** Injection token of the SQL database (PostgreSQL or PGlite) beside the events. */
export const SQL_DATABASE = Symbol('SqlDatabase');
const SQL_EVENT_STORE = Symbol('SqlEventStore');
/**
 * Injection token of the {@link LeaderElection} for singleton work (the checkpoint signer):
 * advisory locks on the PostgreSQL server, or the one embedded process always leading.
 */
export const LEADER_ELECTION = Symbol('LeaderElection');
/** Injection token of the SQL database for lagging reads: the replica, or SQL_DATABASE. */
export const READ_DATABASE = Symbol('ReadDatabase');
/** Injection token of the {@link EventStore} for lagging reads: on the replica, or EVENT_STORE. */
export const READ_EVENT_STORE = Symbol('ReadEventStore');

export interface EventStoreModuleOptions {
  /** PostgreSQL server; when absent, PGlite under `dataDir`. */
  readonly databaseUrl?: string | undefined;
  readonly dataDir: string;
  readonly maxConnections?: number;
  /** Events in KurrentDB at this connection string instead of in the SQL database. */
  readonly kurrentdbUrl?: string | undefined;
  /** A streaming replica of `databaseUrl` for lagging reads. */
  readonly readDatabaseUrl?: string | undefined;
}

export async function openEventStore(
  options: EventStoreModuleOptions,
  open: OpenOptions = {},
): Promise<SqlEventStore> {
  return options.databaseUrl
    ? openPostgresEventStore(
        {
          connectionString: options.databaseUrl,
          ...(options.maxConnections === undefined
            ? {}
            : { maxConnections: options.maxConnections }),
        },
        open,
      )
    : openPGliteEventStore(join(options.dataDir, 'pglite'), open);
}

class EventStoreLifecycle implements OnApplicationShutdown {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(SQL_EVENT_STORE) private readonly sql: SqlEventStore,
    @Inject(READ_DATABASE) private readonly read: SqlDatabase,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.store !== this.sql) await this.store.close();
    if (this.read !== this.sql.db) await this.read.close();
    await this.sql.close();
  }
}

@Module({})
export class EventStoreModule {
  static forRoot(options: EventStoreModuleOptions): DynamicModule {
    return {
      module: EventStoreModule,
      global: true,
      providers: [
        { provide: SQL_EVENT_STORE, useFactory: () => openEventStore(options) },
        {
          provide: SQL_DATABASE,
          useFactory: (sql: SqlEventStore) => sql.db,
          inject: [SQL_EVENT_STORE],
        },
        {
          provide: EVENT_STORE,
          useFactory: (sql: SqlEventStore): Promise<EventStore> | EventStore =>
            options.kurrentdbUrl ? openKurrentDbEventStore(options.kurrentdbUrl) : sql,
          inject: [SQL_EVENT_STORE],
        },
        {
          provide: READ_DATABASE,
          useFactory: (sql: SqlEventStore): SqlDatabase =>
            options.databaseUrl && options.readDatabaseUrl
              ? new PostgresDatabase({
                  connectionString: options.readDatabaseUrl,
                  applicationName: 'teilhabe-read',
                  ...(options.maxConnections === undefined
                    ? {}
                    : { maxConnections: options.maxConnections }),
                })
              : sql.db,
          inject: [SQL_EVENT_STORE],
        },
        {
          provide: READ_EVENT_STORE,
          // KurrentDB holds the events whatever the SQL replica has; the replica is only read.
          useFactory: (store: EventStore, sql: SqlEventStore, read: SqlDatabase): EventStore =>
            store === sql && read !== sql.db ? new SqlEventStore(read) : store,
          inject: [EVENT_STORE, SQL_EVENT_STORE, READ_DATABASE],
        },
        {
          provide: LEADER_ELECTION,
          useValue: (options.databaseUrl
            ? postgresLeaderElection(options.databaseUrl)
            : SOLE_PROCESS) satisfies LeaderElection,
        },
        EventStoreLifecycle,
      ],
      exports: [EVENT_STORE, SQL_DATABASE, LEADER_ELECTION, READ_DATABASE, READ_EVENT_STORE],
    };
  }
}
