import { Module } from '@nestjs/common';
import { HealthController } from './health/health.controller.js';

/** The HTTP API for caseworkers' frontends. */
@Module({ controllers: [HealthController] })
export class CaseApiModule {}
