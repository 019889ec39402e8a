/**
 * Which person a case belongs to, for the statistics (docs/statistics-method.md, "Persons"). An
 * enrolment since schema v3 carries its key; for one written before, the key is derived from the
 * sealed name and date of birth while they are readable, and the erasure keeps it in its event.
 */
import { caseStreamId, upcast, type ClientIdentity, type PersonalDataErased } from '#domain';
import type { EventStore } from '#event-store';
import type { PersonalDataVault } from '#privacy';

export type PersonKeyDeriver = Pick<PersonalDataVault, 'open' | 'personKey'>;

export class CasePersonKeys {
  /** Without a vault only keys recorded in events are found (a process without the master key). */
  constructor(
    private readonly store: Pick<EventStore, 'readStream'>,
    private readonly vault?: PersonKeyDeriver,
  ) {}

  /** The person key of a case, or null: it stays a person of its own. */
  async personKeyOf(tenant: string, caseId: string): Promise<string | null> {
    const { recorded, derived } = await this.keysOf(tenant, caseId);
    return recorded ?? derived;
  }

  /** One key per case, in order (the statistics' PersonKeyLookup port). */
  personKeys(cases: readonly { tenant: string; caseId: string }[]): Promise<(string | null)[]> {
    return Promise.all(cases.map(({ tenant, caseId }) => this.personKeyOf(tenant, caseId)));
  }

  /**
   * What an erasure must keep: the key derived from the sealed data when no event records one,
   * since after the erasure nothing can derive it again.
   */
  async keyToKeepAtErasure(tenant: string, caseId: string): Promise<string | null> {
    const { recorded, derived } = await this.keysOf(tenant, caseId);
    return recorded === null ? derived : null;
  }

  private async keysOf(
    tenant: string,
    caseId: string,
  ): Promise<{ recorded: string | null; derived: string | null }> {
    const stream = await this.store.readStream(tenant, caseStreamId(caseId));
    const first = stream[0];
    if (first?.type !== 'ClientEnrolled') return { recorded: null, derived: null };
    const events = stream.map((e) => upcast(e));
    const [enrolment] = events;
    const enrolled = enrolment?.type === 'ClientEnrolled' ? enrolment.data.personKey : null;
    const erasure = events.find((e): e is PersonalDataErased => e.type === 'PersonalDataErased');
    const recorded = enrolled ?? erasure?.data.personKey ?? null;
    if (recorded !== null || !this.vault) return { recorded, derived: null };
    const opened = await this.vault.open(tenant, caseId, first.personal);
    if (!opened || opened.erased) return { recorded: null, derived: null };
    // Enrolments before v3 had no person reference: the key is the one of name and birth date.
    return {
      recorded: null,
      derived: this.vault.personKey(opened.data as unknown as ClientIdentity),
    };
  }
}
