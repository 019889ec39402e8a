/**
 * The statistics projection: for every case touched by a batch it folds the new events into the
 * case's facts, computes the case's contributions anew, and applies only the difference to the
 * monthly totals. A late entry for a past month therefore corrects exactly the months it
 * belongs to. Programme events keep the planned places per measure.
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
} from './contributions.js';
import { createStatisticsTables } from './statistics.schema.js';

export const STATISTICS_PROJECTION = 'statistics';

/** Stored compactly: [metric, month, u25, over50, singleParent, refugee, gender, detail, value]. */
type StoredContribution = [Metric, number, 0 | 1, 0 | 1, 0 | 1, 0 | 1, string, string, number];

function store(c: Contribution): StoredContribution {
  const d = c.dims;
  return [
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
  const [metric, month, u25, over50, singleParent, refugee, gender, detail, value] = row;
  return {
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

interface CaseRow {
  facts: CaseFacts;
  contributions: StoredContribution[];
}

export class StatisticsProjection implements Projection {
  readonly name = STATISTICS_PROJECTION;
  /**
   * 1: first version of the contributions (see contributions.ts). 2: the close reason in the
   * facts; a move or transfer while in need is no need-covering integration.
   */
  readonly version = 2;

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
    const byCase = new Map<string, { tenant: string; caseId: string; events: CaseEvent[] }>();
    const programme: { tenant: string; event: ProgrammeEvent }[] = [];
    for (const recorded of events) {
      // Only case and programme streams carry statistics (the access log, for one, does not).
      const caseId = caseIdOfStream(recorded.streamId);
      if (caseId === undefined && !recorded.streamId.startsWith('programme-')) continue;
      const event = upcast(recorded);
      tenants.add(recorded.tenant);
      if (caseId !== undefined) {
        const key = `${recorded.tenant}\u0000${caseId}`;
        const entry = byCase.get(key) ?? { tenant: recorded.tenant, caseId, events: [] };
        entry.events.push(event as CaseEvent);
        byCase.set(key, entry);
      } else {
        programme.push({ tenant: recorded.tenant, event: event as ProgrammeEvent });
      }
    }
    if (byCase.size > 0) await this.applyCases(tx, s, [...byCase.values()]);
    for (const { tenant, event } of programme) await this.applyProgramme(tx, s, tenant, event);
    return { tenants };
  }

  private async applyCases(
    tx: SqlExecutor,
    s: string,
    cases: { tenant: string; caseId: string; events: CaseEvent[] }[],
  ): Promise<void> {
    const rows = await tx.query<{
      tenant: string;
      case_id: string;
      facts: CaseFacts;
      contributions: StoredContribution[];
    }>(
      `SELECT c.tenant, c.case_id, c.facts, c.contributions
       FROM ${s}.cases c JOIN jsonb_to_recordset($1::jsonb) AS k(tenant text, case_id text)
         ON c.tenant = k.tenant AND c.case_id = k.case_id`,
      [JSON.stringify(cases.map(({ tenant, caseId }) => ({ tenant, case_id: caseId })))],
    );
    const stored = new Map<string, CaseRow>(rows.map((r) => [`${r.tenant}\u0000${r.case_id}`, r]));
    const deltas = new Map<string, { tenant: string; contribution: Contribution }>();
    const updated: {
      tenant: string;
      case_id: string;
      facts: CaseFacts;
      contributions: StoredContribution[];
    }[] = [];
    for (const { tenant, caseId, events } of cases) {
      const before = stored.get(`${tenant}\u0000${caseId}`);
      let facts: CaseFacts | undefined = before?.facts;
      for (const event of events) facts = evolveFacts(facts, event);
      if (!facts) continue;
      const after = contributionsOf(facts);
      const previous = (before?.contributions ?? []).map(load);
      for (const change of diffContributions(previous, after)) {
        const key = `${tenant}|${contributionKey(change)}`;
        const current = deltas.get(key);
        deltas.set(key, {
          tenant,
          contribution: { ...change, value: (current?.contribution.value ?? 0) + change.value },
        });
      }
      updated.push({ tenant, case_id: caseId, facts, contributions: after.map(store) });
    }
    if (updated.length > 0) {
      await tx.query(
        `INSERT INTO ${s}.cases (tenant, case_id, facts, contributions)
         SELECT x.tenant, x.case_id, x.facts, x.contributions
         FROM jsonb_to_recordset($1::jsonb) AS x(tenant text, case_id text, facts jsonb, contributions jsonb)
         ON CONFLICT (tenant, case_id) DO UPDATE SET facts = excluded.facts, contributions = excluded.contributions`,
        [JSON.stringify(updated as unknown as JsonValue)],
      );
    }
    const changes = [...deltas.values()].filter((d) => d.contribution.value !== 0);
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
            changes.map(({ tenant, contribution: c }) => ({
              tenant,
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
