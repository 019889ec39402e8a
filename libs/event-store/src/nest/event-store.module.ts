/**
 * Nest wiring: one event store per process, opened and migrated at start, closed at shutdown.
 * PostgreSQL when a connection string is given, otherwise embedded PGlite in a data directory.
 */
import { join } from 'node:path';
import { Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { openPGliteEventStore, openPostgresEventStore, type OpenOptions } from '../factories.js';
import type { SqlEventStore } from '../postgres/sql-event-store.js';

/** Injection token of the {@link EventStore} port. */
export const EVENT_STORE = Symbol('EventStore');

export interface EventStoreModuleOptions {
  /** PostgreSQL server; when absent, PGlite under `dataDir`. */
  readonly databaseUrl?: string | undefined;
  readonly dataDir: string;
  readonly maxConnections?: number;
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
  constructor(@Inject(EVENT_STORE) private readonly store: SqlEventStore) {}

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}

@Module({})
export class EventStoreModule {
  static forRoot(options: EventStoreModuleOptions): DynamicModule {
    return {
      module: EventStoreModule,
      global: true,
      providers: [
        { provide: EVENT_STORE, useFactory: () => openEventStore(options) },
        EventStoreLifecycle,
      ],
      exports: [EVENT_STORE],
    };
  }
}
