/** Reading a case with its personal data: every sealed part opened with the case's key. */
import type { CaseEvent } from '#domain';
import type { RecordedEvent } from '#event-store';
import type { PersonalDataVault } from '#privacy';

export type PersonalDataOpener = Pick<PersonalDataVault, 'open'>;

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
  let erased = false;
  const opened = await Promise.all(
    events.map(async (event, i) => {
      const result = await vault.open(tenant, caseId, recorded[i]?.personal);
      if (result?.erased) erased = true;
      const { personal: _sealed, ...rest } = event;
      return (result && !result.erased ? { ...rest, personal: result.data } : rest) as CaseEvent;
    }),
  );
  return { events: opened, erased };
}
