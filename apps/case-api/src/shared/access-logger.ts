/**
 * Records every read of personal data in the access log before the data is answered. Auditors
 * must say why (`Reason` header); others may. A read that cannot be logged is not answered.
 */
import { Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { isPrintableText, recordAccess, type AccessPurpose } from '#cases';
import { germanCalendarDay } from '#domain';
import { EVENT_STORE, type EventStore } from '#event-store';
import { CLOCK, decodeHeaderText, validationProblem, type Clock } from '#http';
import type { Principal } from '#security';

export const REASON_HEADER = 'reason';

@Injectable()
export class AccessLogger {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The `Reason` header as typed (UTF-8 or RFC 8187), checked; required where `required`. */
  reason(request: Request, required: boolean): string | null {
    const raw = request.header(REASON_HEADER);
    if (raw === undefined && !required) return null;
    const reason = raw === undefined ? undefined : decodeHeaderText(raw);
    if (raw !== undefined && reason === undefined) {
      throw validationProblem([
        {
          field: 'header:Reason',
          rule: 'rfc8187',
          message: "Reason in the form UTF-8''… must be %-escaped UTF-8 bytes (RFC 8187)",
        },
      ]);
    }
    if (!isPrintableText(reason, 3, 500)) {
      throw validationProblem([
        {
          field: 'header:Reason',
          // A reason that was sent but is not text is `isText`, not "missing".
          rule: raw === undefined ? 'required' : 'isText',
          message: 'Reason must say why the personal data is read (3-500 characters)',
        },
      ]);
    }
    return reason ?? null;
  }

  async record(
    principal: Principal,
    request: Request,
    access: { caseId: string; purpose: AccessPurpose },
    reasonRequired: boolean,
  ): Promise<void> {
    const reason = this.reason(request, reasonRequired);
    await recordAccess(
      this.store,
      principal,
      { ...access, reason, correlationId: request.correlationId ?? 'none' },
      germanCalendarDay(this.clock()),
    );
  }
}
