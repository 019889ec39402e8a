/**
 * Nest wiring: one event store per process, opened and migrated at start, closed at shutdown.
 * The SQL database is always there: PostgreSQL when a connection string is given, otherwise
 * embedded PGlite in a data directory. It holds the events, unless KurrentDB does
 * (EVENT_STORE=kurrentdb); read models, checkpoints and the data keys always live in it.
 */
import { join } from 'node:path';
import { Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { openPGliteEventStore, openPostgresEventStore, type OpenOptions } from '../factories.js';
import type { EventStore } from '../event-store.js';
import { openKurrentDbEventStore } from '../kurrentdb/kurrentdb-event-store.js';
import type { SqlEventStore } from '../postgres/sql-event-store.js';

/** Injection token of the {@link EventStore} port. */
export const EVENT_STORE = Symbol('EventStore');
/** Injection token of the SQL database (PostgreSQL or PGlite) beside the events. */
export const SQL_DATABASE = Symbol('SqlDatabase');
const SQL_EVENT_STORE = Symbol('SqlEventStore');

export interface EventStoreModuleOptions {
  /** PostgreSQL server; when absent, PGlite under `dataDir`. */
  readonly databaseUrl?: string | undefined;
  readonly dataDir: string;
  readonly maxConnections?: number;
  /** Events in KurrentDB at this connection string instead of in the SQL database. */
  readonly kurrentdbUrl?: string | undefined;
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
  ) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.store !== this.sql) await this.store.close();
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
        EventStoreLifecycle,
      ],
      exports: [EVENT_STORE, SQL_DATABASE],
    };
  }
}
