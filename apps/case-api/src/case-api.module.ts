/** The HTTP API for caseworkers' frontends and programme planners: commands and case reads. */
import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AuditController } from './audit/audit.controller.js';
import { AgreeCooperationPlanController } from './cases/agree-cooperation-plan.js';
import { AssignCaseworkerController } from './cases/assign-caseworker.js';
import { AssignMeasureController, AssignMeasureHandler } from './cases/assign-measure.js';
import { CloseCaseController } from './cases/close-case.js';
import { EmploymentsController } from './cases/employments.js';
import { EnrolClientController } from './cases/enrol-client.js';
import { ErasePersonalDataController } from './cases/erase-personal-data.js';
import { GetCaseController, GetCaseHandler } from './cases/get-case.js';
import { MeasureProgressController } from './cases/measure-progress.js';
import { NeedController } from './cases/need.js';
import { RecordCaseCommandHandler } from './cases/record-case-command.js';
import { HealthController } from './health/health.controller.js';
import { ProgrammeController } from './programmes/programme.controller.js';
import { RecordProgrammeCommandHandler } from './programmes/record-programme-command.js';
import { AccessLogger } from './shared/access-logger.js';
import { StreamCommandExecutor } from './shared/stream-command-executor.js';

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
  providers: [
    StreamCommandExecutor,
    AccessLogger,
    RecordCaseCommandHandler,
    AssignMeasureHandler,
    GetCaseHandler,
    RecordProgrammeCommandHandler,
  ],
})
export class CaseApiModule {}
