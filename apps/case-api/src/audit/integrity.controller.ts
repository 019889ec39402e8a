/**
 * GET /v1/audit/integrity: verifies the auditor's Jobcenter against its hash chains, the signed
 * checkpoints and the public key; GET /v1/audit/integrity/checkpoints lists the checkpoints.
 */
import { Controller, Get, Inject } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  CheckpointSigningKey,
  CheckpointStore,
  READ_DATABASE,
  READ_EVENT_STORE,
  verifyTenant,
  type EventStore,
  type SqlDatabase,
} from '#event-store';
import { NoStore } from '#http';
import { CurrentPrincipal, Roles, type Principal } from '#security';
import { CHECKPOINT_SIGNING_KEY } from './integrity.tokens.js';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('v1/audit/integrity')
export class IntegrityController {
  // Verification only reads, and a lagging answer is still a true one: the read replica, if any.
  constructor(
    @Inject(READ_EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_DATABASE) private readonly db: SqlDatabase,
    @Inject(CHECKPOINT_SIGNING_KEY) private readonly key: CheckpointSigningKey,
  ) {}

  @Get()
  @Roles('auditor')
  @NoStore()
  @ApiOperation({
    summary:
      'Verify every hash chain and signed checkpoint of your Jobcenter (compare publicKey with the one you were given)',
  })
  async verify(@CurrentPrincipal() principal: Principal) {
    const checkpoints = await new CheckpointStore(this.db).list(principal.tenant);
    const report = await verifyTenant(
      this.store,
      checkpoints,
      this.key.publicKey,
      principal.tenant,
    );
    return { ...report, publicKey: this.key.publicKeyPem(), publicKeyId: this.key.keyId };
  }

  @Get('checkpoints')
  @Roles('auditor')
  @NoStore()
  @ApiOperation({
    summary:
      'The signed checkpoints of your Jobcenter: keep copies outside the operator’s reach and verify against them later (teilhabe audit verify --checkpoints)',
  })
  async checkpoints(@CurrentPrincipal() principal: Principal) {
    return {
      publicKeyId: this.key.keyId,
      checkpoints: await new CheckpointStore(this.db).list(principal.tenant),
    };
  }
}
