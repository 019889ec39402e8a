// Types for private-postgres.mjs (plain ESM so that it also runs outside jest's transform).

export type ShutdownMode = 'smart' | 'fast' | 'immediate';

export interface PrivateClusterOptions {
  /** TCP port on 127.0.0.1 (default: a free one). */
  readonly port?: number;
  /** Extra postgresql.conf settings; they win over the defaults (e.g. `{ wal_level: 'logical' }`). */
  readonly settings?: Readonly<Record<string, string | number | boolean>>;
  /** Start as a streaming hot standby of this cluster (pg_basebackup -R from it). */
  readonly replicaOf?: { readonly port: number };
  /** Keep the directory after destroy(), e.g. to read the server log. */
  readonly keep?: boolean;
}

export interface PrivateCluster {
  readonly port: number;
  readonly host: '127.0.0.1';
  /** The temporary directory: data/, postgres.log and the Unix socket. */
  readonly baseDir: string;
  readonly dataDir: string;
  /** Admin URL: user postgres (trust auth), database postgres. */
  readonly url: string;
  readonly running: boolean;
  urlFor(database: string): string;
  /** Starts and waits until connections are accepted (crash recovery first, if needed). */
  start(): Promise<void>;
  /** `immediate` is a power cut: no checkpoint, crash recovery at the next start. */
  stop(mode?: ShutdownMode): Promise<void>;
  restart(mode?: ShutdownMode): Promise<void>;
  /** SIGKILL to the postmaster, then waits until it is gone. */
  kill(): Promise<void>;
  createDatabase(name: string): Promise<string>;
  /** The server log so far. */
  log(): string;
  /** Stops the server immediately and removes the directory (unless `keep`). */
  destroy(): Promise<void>;
}

export function postgresBinDir(): string;
export function startPrivateCluster(options?: PrivateClusterOptions): Promise<PrivateCluster>;
