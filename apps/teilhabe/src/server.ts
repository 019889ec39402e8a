/**
 * The all-in-one server of embedded mode (`npm start`): every app's module in one process on
 * one port, on PGlite under DATA_DIR, or on PostgreSQL when DATABASE_URL is set.
 */
import 'reflect-metadata';
import { Module, type DynamicModule, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { EventStoreModule } from '#event-store';
import { CaseApiModule } from '../../case-api/src/case-api.module.js';
import type { AppConfig } from './config.js';

@Module({})
class TeilhabeModule {
  static forConfig(config: AppConfig): DynamicModule {
    return {
      module: TeilhabeModule,
      imports: [
        EventStoreModule.forRoot({ databaseUrl: config.databaseUrl, dataDir: config.dataDir }),
        CaseApiModule,
      ],
    };
  }
}

export async function createServer(config: AppConfig): Promise<INestApplication> {
  const app = await NestFactory.create(TeilhabeModule.forConfig(config), {
    logger:
      config.logLevel === 'debug' || config.logLevel === 'trace'
        ? ['error', 'warn', 'log', 'debug', 'verbose']
        : ['error', 'warn', 'log'],
  });
  app.enableShutdownHooks();
  return app;
}
