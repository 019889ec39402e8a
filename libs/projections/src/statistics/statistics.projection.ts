/**
 * The statistics projection: for every person touched by a batch it folds the new events into
 * their cases' facts, computes the person's contributions anew from all their cases (in any
 * Jobcenter), and applies only the difference to the monthly totals. A late entry for a past month
 * therefore corrects exactly the months it belongs to. Programme events keep the planned places.
 */
import { caseIdOfStream, upcast, type CaseEvent, type ProgrammeEvent } from '#domain';
import type { JsonValue, RecordedEvent, SqlExecutor } from '#event-store';
import { assertSchemaName, type BatchEffect, type Projection } from '../projection.js';
import { evolveFacts, type CaseFacts } from './case-facts.js';
import {
  contributionKey,
  contributionsOf,
  diffContributions,
  type Contribution,
  type Metric,
  type PersonCase,
} from './contributions.js';
import { caseRef, ownPersonKey, type PersonKeyLookup } from './person-keys.js';
import { createStatisticsTables } from './statistics.schema.js';

export const STATISTICS_PROJECTION = 'statistics';

/**
 * Stored compactly:
 * [tenant, metric, month, u25, over50, singleParent, refugee, gender, detail, value].
 */
type StoredContribution = [
  string,
  Metric,
  number,
  0 | 1,
  0 | 1,
  0 | 1,
  0 | 1,
  string,
  string,
  number,
];

function store(c: Contribution): StoredContribution {
  const d = c.dims;
  return [
    c.tenant,
    c.metric,
    c.month,
    +d.u25 as 0 | 1,
    +d.over50 as 0 | 1,
    +d.singleParent as 0 | 1,
    +d.refugee as 0 | 1,
    d.gender,
    c.detail,
    c.value,
  ];
}

function load(row: StoredContribution): Contribution {
  const [tenant, metric, month, u25, over50, singleParent, refugee, gender, detail, value] = row;
  return {
    tenant,
    metric,
    month,
    dims: {
      u25: !!u25,
      over50: !!over50,
      singleParent: !!singleParent,
      refugee: !!refugee,
      gender: gender as Contribution['dims']['gender'],
    },
    detail,
    value,
  };
}

export interface StatisticsProjectionOptions {
  /** Resolves enrolments without a person key (schema v2, or events read from Kafka). */
  readonly personKeys?: PersonKeyLookup;
}

interface TouchedCase {
  tenant: string;
  caseId: string;
  events: CaseEvent[];
}

export class StatisticsProjection implements Projection {
  readonly name = STATISTICS_PROJECTION;
  /**
   * 1: first version of the contributions. 2: the close reason in the facts; a move or transfer
   * while in need is no need-covering integration. 3: persons instead of cases, the BA's
   * reference days, windows, LZB rule and K2E3, movements between reference days, new figures.
   */
  readonly version = 3;

  /** Keys of enrolments without one, looked up by `prepare` for the batch that `apply` gets next. */
  private readonly prepared = new Map<string, string | null>();

  constructor(private readonly options: StatisticsProjectionOptions = {}) {}

  /** Looks up the keys of the batch's enrolments that carry none (outside the transaction). */
  async prepare(events: readonly RecordedEvent[]): Promise<void> {
    if (!this.options.personKeys) return;
    const unkeyed: { tenant: string; caseId: string }[] = [];
    for (const recorded of events) {
      if (recorded.type !== 'ClientEnrolled' || !caseIdOfStream(recorded.streamId)) continue;
      const event = upcast(recorded);
      if (event.type !== 'ClientEnrolled' || event.data.personKey !== null) continue;
      unkeyed.push({ tenant: recorded.tenant, caseId: event.data.caseId });
    }
    if (unkeyed.length === 0) return;
    const keys = await this.options.personKeys.personKeys(unkeyed);
    unkeyed.forEach((c, i) => this.prepared.set(caseRef(c.tenant, c.caseId), keys[i] ?? null));
  }

  createSchema(tx: SqlExecutor, schema: string): Promise<void> {
    return createStatisticsTables(tx, schema);
  }

  async apply(
    events: readonly RecordedEvent[],
    tx: SqlExecutor,
    schema: string,
  ): Promise<BatchEffect> {
    const s = assertSchemaName(schema);
    const tenants = new Set<string>();
    const byCase = new Map<string, TouchedCase>();
    const programme: { tenant: string; event: ProgrammeEvent }[] = [];
    for (const recorded of events) {
      // Only case and programme streams carry statistics (the access log, for one, does not).
      const caseId = caseIdOfStream(recorded.streamId);
      if (caseId === undefined && !recorded.streamId.startsWith('programme-')) continue;
      const event = upcast(recorded);
      tenants.add(recorded.tenant);
      if (caseId !== undefined) {
        const key = caseRef(recorded.tenant, caseId);
        const entry = byCase.get(key) ?? { tenant: recorded.tenant, caseId, events: [] };
        entry.events.push(event as CaseEvent);
        byCase.set(key, entry);
      } else {
        programme.push({ tenant: recorded.tenant, event: event as ProgrammeEvent });
      }
    }
    if (byCase.size > 0) {
      for (const tenant of await this.applyCases(tx, s, [...byCase.values()])) tenants.add(tenant);
    }
    for (const { tenant, event } of programme) await this.applyProgramme(tx, s, tenant, event);
    return { tenants };
  }

  /** Returns the Jobcenters whose totals changed (a person's move touches both). */
  private async applyCases(tx: SqlExecutor, s: string, touched: TouchedCase[]): Promise<string[]> {
    const stored = new Map<string, { facts: CaseFacts; personKey: string }>();
    for (const r of await tx.query<{
      tenant: string;
      case_id: string;
      facts: CaseFacts;
      person_key: string | null;
    }>(
      `SELECT c.tenant, c.case_id, c.facts, c.person_key
       FROM ${s}.cases c JOIN jsonb_to_recordset($1::jsonb) AS k(tenant text, case_id text)
         ON c.tenant = k.tenant AND c.case_id = k.case_id`,
      [JSON.stringify(touched.map(({ tenant, caseId }) => ({ tenant, case_id: caseId })))],
    )) {
      stored.set(caseRef(r.tenant, r.case_id), {
        facts: r.facts,
        personKey: r.person_key ?? ownPersonKey(r.tenant, r.case_id),
      });
    }

    // Fold the new events; an enrolment without a key asks the lookup once, and keeps the answer.
    const folded: { tenant: string; caseId: string; facts: CaseFacts }[] = [];
    for (const { tenant, caseId, events } of touched) {
      let facts = stored.get(caseRef(tenant, caseId))?.facts;
      for (const event of events) facts = evolveFacts(facts, event);
      if (facts) folded.push({ tenant, caseId, facts });
    }
    const resolved = new Map<string, string | null | undefined>();
    for (const c of folded.filter((f) => f.facts.personKey === null)) {
      const ref = caseRef(c.tenant, c.caseId);
      if (this.prepared.has(ref)) resolved.set(ref, this.prepared.get(ref));
      this.prepared.delete(ref);
    }
    // Not prepared (the Kafka projector, on PostgreSQL's pool): looked up inside the transaction.
    const unkeyed = folded.filter(
      (c) => c.facts.personKey === null && !resolved.has(caseRef(c.tenant, c.caseId)),
    );
    const lookedUp =
      unkeyed.length > 0 && this.options.personKeys
        ? await this.options.personKeys.personKeys(unkeyed)
        : [];
    unkeyed.forEach((c, i) => resolved.set(caseRef(c.tenant, c.caseId), lookedUp[i]));
    const changed = folded.map((c) => {
      const ref = caseRef(c.tenant, c.caseId);
      const personKey =
        c.facts.personKey ??
        resolved.get(ref) ??
        stored.get(ref)?.personKey ??
        ownPersonKey(c.tenant, c.caseId);
      return { ...c, facts: { ...c.facts, personKey }, personKey, ref };
    });

    // A person's other cases may be projected by another worker at the same time: lock the person
    // in this schema (in key order, so two batches never wait on each other in a cycle) before
    // reading their cases. A rebuild's shadow schema has locks of its own.
    const personKeys = [...new Set(changed.map((c) => c.personKey))].sort();
    await tx.query(
      `SELECT pg_advisory_xact_lock(hashtextextended($2 || '|' || k, 16)) FROM unnest($1::text[]) AS k ORDER BY k`,
      [personKeys, s],
    );
    const cases = new Map<string, PersonCase[]>(personKeys.map((k) => [k, []]));
    const changedRefs = new Set(changed.map((c) => c.ref));
    for (const r of await tx.query<{
      tenant: string;
      case_id: string;
      facts: CaseFacts;
      person_key: string;
    }>(
      `SELECT tenant, case_id, facts, person_key FROM ${s}.cases WHERE person_key = ANY($1::text[])`,
      [personKeys],
    )) {
      if (!changedRefs.has(caseRef(r.tenant, r.case_id))) {
        cases.get(r.person_key)!.push({ tenant: r.tenant, facts: r.facts });
      }
    }
    for (const c of changed) cases.get(c.personKey)!.push({ tenant: c.tenant, facts: c.facts });
    const before = new Map<string, Contribution[]>();
    for (const r of await tx.query<{ person_key: string; contributions: StoredContribution[] }>(
      `SELECT person_key, contributions FROM ${s}.persons WHERE person_key = ANY($1::text[])`,
      [personKeys],
    )) {
      before.set(r.person_key, r.contributions.map(load));
    }

    const deltas = new Map<string, Contribution>();
    const persons: { person_key: string; contributions: StoredContribution[] }[] = [];
    for (const personKey of personKeys) {
      const after = contributionsOf(cases.get(personKey)!);
      for (const change of diffContributions(before.get(personKey) ?? [], after)) {
        const key = contributionKey(change);
        const current = deltas.get(key);
        deltas.set(key, { ...change, value: (current?.value ?? 0) + change.value });
      }
      persons.push({ person_key: personKey, contributions: after.map(store) });
    }
    await tx.query(
      `INSERT INTO ${s}.cases (tenant, case_id, facts, person_key)
       SELECT x.tenant, x.case_id, x.facts, x.person_key
       FROM jsonb_to_recordset($1::jsonb) AS x(tenant text, case_id text, facts jsonb, person_key text)
       ON CONFLICT (tenant, case_id) DO UPDATE SET facts = excluded.facts, person_key = excluded.person_key`,
      [
        JSON.stringify(
          changed.map((c) => ({
            tenant: c.tenant,
            case_id: c.caseId,
            facts: c.facts,
            person_key: c.personKey,
          })) as unknown as JsonValue,
        ),
      ],
    );
    await tx.query(
      `INSERT INTO ${s}.persons (person_key, contributions)
       SELECT x.person_key, x.contributions
       FROM jsonb_to_recordset($1::jsonb) AS x(person_key text, contributions jsonb)
       ON CONFLICT (person_key) DO UPDATE SET contributions = excluded.contributions`,
      [JSON.stringify(persons as unknown as JsonValue)],
    );
    const changes = [...deltas.values()].filter((d) => d.value !== 0);
    if (changes.length > 0) {
      await tx.query(
        `INSERT INTO ${s}.monthly (tenant, metric, month, u25, over50, single_parent, refugee, gender, detail, value)
         SELECT x.tenant, x.metric, x.month, x.u25, x.over50, x.single_parent, x.refugee, x.gender, x.detail, x.value
         FROM jsonb_to_recordset($1::jsonb) AS x(tenant text, metric text, month integer, u25 boolean, over50 boolean,
              single_parent boolean, refugee boolean, gender text, detail text, value bigint)
         ON CONFLICT (tenant, metric, month, u25, over50, single_parent, refugee, gender, detail)
         DO UPDATE SET value = ${s}.monthly.value + excluded.value`,
        [
          JSON.stringify(
            changes.map((c) => ({
              tenant: c.tenant,
              metric: c.metric,
              month: c.month,
              u25: c.dims.u25,
              over50: c.dims.over50,
              single_parent: c.dims.singleParent,
              refugee: c.dims.refugee,
              gender: c.dims.gender,
              detail: c.detail,
              value: c.value,
            })),
          ),
        ],
      );
    }
    return [...new Set(changes.map((c) => c.tenant))];
  }

  private async applyProgramme(
    tx: SqlExecutor,
    s: string,
    tenant: string,
    event: ProgrammeEvent,
  ): Promise<void> {
    if (event.type === 'MeasureOffered') {
      const d = event.data;
      await tx.query(
        `INSERT INTO ${s}.programme_measures (tenant, year, measure_id, title, kind, planned_places)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (tenant, year, measure_id) DO UPDATE
           SET title = excluded.title, kind = excluded.kind, planned_places = excluded.planned_places`,
        [tenant, d.year, d.measureId, d.title, d.kind, d.plannedPlaces],
      );
    } else {
      await tx.query(
        `UPDATE ${s}.programme_measures SET approved_on = $3 WHERE tenant = $1 AND year = $2`,
        [tenant, event.data.year, event.data.approvedOn],
      );
    }
  }
}
