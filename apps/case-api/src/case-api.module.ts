/** The HTTP API for caseworkers' frontends and programme planners: commands and case reads. */
import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { RecordCommandHandler } from '#cases';
import { AuditController } from './audit/audit.controller.js';
import { AgreeCooperationPlanController } from './cases/agree-cooperation-plan.js';
import { AssignCaseworkerController } from './cases/assign-caseworker.js';
import { AssignMeasureController } from './cases/assign-measure.js';
import { CloseCaseController } from './cases/close-case.js';
import { EmploymentsController } from './cases/employments.js';
import { EnrolClientController } from './cases/enrol-client.js';
import { ErasePersonalDataController } from './cases/erase-personal-data.js';
import { GetCaseController } from './cases/get-case.js';
import { MeasureProgressController } from './cases/measure-progress.js';
import { NeedController } from './cases/need.js';
import { HealthController } from './health/health.controller.js';
import { ProgrammeController } from './programmes/programme.controller.js';
import { AccessLogger } from './shared/access-logger.js';
import { commandDepsProvider } from './shared/command-deps.js';

@Module({
  imports: [CqrsModule.forRoot()],
  controllers: [
    HealthController,
    EnrolClientController,
    GetCaseController,
    AssignCaseworkerController,
    AgreeCooperationPlanController,
    AssignMeasureController,
    MeasureProgressController,
    EmploymentsController,
    NeedController,
    CloseCaseController,
    ErasePersonalDataController,
    ProgrammeController,
    AuditController,
  ],
  providers: [commandDepsProvider, RecordCommandHandler, AccessLogger],
})
export class CaseApiModule {}
