/** Reading a case with its personal data: every sealed part opened with the case's key. */
import type { CaseEvent } from '#domain';
import type { RecordedEvent } from '#event-store';
import type { PersonalDataVault } from '#privacy';

export type PersonalDataOpener = Pick<PersonalDataVault, 'openAll'>;

export interface OpenedCase {
  /** The case's events with their personal parts in clear (absent where erased). */
  readonly events: CaseEvent[];
  /** True once the case's key was destroyed: the personal data is gone for good. */
  readonly erased: boolean;
}

export async function openCaseEvents(
  vault: PersonalDataOpener,
  tenant: string,
  caseId: string,
  recorded: readonly RecordedEvent[],
  events: readonly CaseEvent[],
): Promise<OpenedCase> {
  // One key lookup for the whole case, made on every read: an erasure on another process shows
  // at once.
  const results = await vault.openAll(
    tenant,
    caseId,
    events.map((_, i) => recorded[i]?.personal),
  );
  const opened = events.map((event, i) => {
    const result = results[i];
    const { personal: _sealed, ...rest } = event;
    return (result && !result.erased ? { ...rest, personal: result.data } : rest) as CaseEvent;
  });
  return { events: opened, erased: results.some((result) => result?.erased === true) };
}
