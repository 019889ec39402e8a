/**
 * The all-in-one server of embedded mode (`npm start`): every app's module in one process on
 * one port, on PGlite under DATA_DIR, or on PostgreSQL when DATABASE_URL is set.
 */
import 'reflect-metadata';
import { Module, type DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { LoggerModule, Logger } from 'nestjs-pino';
import { keyringFor, signingKeyFor, tokenVerification, type AppConfig } from '#config';
import { EventStoreModule } from '#event-store';
import { PrivacyModule } from '#privacy';
import { HttpPlatformModule, configureHttp, serveOpenApi, type Clock } from '#http';
import { AuditIntegrityModule } from '../../case-api/src/audit/integrity.module.js';
import { CaseApiModule } from '../../case-api/src/case-api.module.js';
import { HealthController } from '../../case-api/src/health/health.controller.js';
import { ProjectorModule } from '../../projector/src/projector.module.js';

export interface ServerOptions {
  /** Where JSON logs go (default stdout); tests read them to prove no personal data is logged. */
  readonly logStream?: NodeJS.WritableStream;
  /** The clock for "today" (default: the system clock); tests pin it. */
  readonly clock?: Clock;
  /** The apps this process serves (default both, as `npm start` runs them); see apps.ts. */
  readonly apps?: readonly ServerApp[];
}

/** The command side (commands, case reads, audit) and the read side (statistics, dashboard). */
export type ServerApp = 'case-api' | 'projector';

@Module({})
class TeilhabeModule {
  static forConfig(config: AppConfig, options: ServerOptions): DynamicModule {
    const apps = options.apps ?? ['case-api', 'projector'];
    if (apps.length === 0) throw new Error('createServer needs at least one app');
    const caseApi = apps.includes('case-api');
    return {
      module: TeilhabeModule,
      // /health belongs to the case API; a projector-only process answers it as well.
      controllers: caseApi ? [] : [HealthController],
      imports: [
        LoggerModule.forRoot({
          pinoHttp: [
            {
              level: config.logLevel,
              genReqId: (request) =>
                (request as { correlationId?: string }).correlationId ?? 'none',
              // Never the body, the query or credentials: requests carry personal data.
              serializers: {
                req: (request: { method: string; url: string; id: string }) => ({
                  method: request.method,
                  path: request.url.split('?')[0],
                  correlationId: request.id,
                }),
                res: (response: { statusCode: number }) => ({ status: response.statusCode }),
              },
              customProps: (request) => {
                const principal = (request as { principal?: { tenant: string; subject: string } })
                  .principal;
                return principal ? { tenant: principal.tenant, actor: principal.subject } : {};
              },
            },
            options.logStream ?? process.stdout,
          ],
        }),
        EventStoreModule.forRoot({
          databaseUrl: config.databaseUrl,
          readDatabaseUrl: config.readDatabaseUrl,
          dataDir: config.dataDir,
          kurrentdbUrl: config.eventStore === 'kurrentdb' ? config.kurrentdbUrl : undefined,
        }),
        HttpPlatformModule.forRoot({
          verification: tokenVerification(config),
          rateLimitPerMinute: config.rateLimitPerMinute,
          authFailuresPerMinute: config.clients.authFailuresPerMinute,
          ...(options.clock ? { clock: options.clock } : {}),
        }),
        PrivacyModule.forRoot(keyringFor(config)),
        ...(caseApi
          ? [
              CaseApiModule,
              AuditIntegrityModule.forRoot({
                key: signingKeyFor(config),
                intervalSeconds: config.checkpointIntervalSeconds,
              }),
            ]
          : []),
        ...(apps.includes('projector')
          ? [
              ProjectorModule.forRoot({
                source: config.statisticsSource,
                streamsPerCaller: config.clients.streamsPerCaller,
              }),
            ]
          : []),
      ],
    };
  }
}

export async function createServer(
  config: AppConfig,
  options: ServerOptions = {},
): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(
    TeilhabeModule.forConfig(config, options),
    {
      bodyParser: false,
      bufferLogs: true,
      // A failed start (database or KurrentDB not answering) throws to the caller, which says
      // why and exits, instead of Nest ending the process on its own.
      abortOnError: false,
    },
  );
  app.useLogger(app.get(Logger));
  // Before any route reads request.ip: which proxies may name the client (TRUST_PROXY).
  const { trustProxy } = config.clients;
  if (trustProxy !== undefined) {
    app.set('trust proxy', typeof trustProxy === 'number' ? trustProxy : [...trustProxy]);
  }
  app.enableShutdownHooks();
  configureHttp(app);
  serveOpenApi(app);
  return app;
}
