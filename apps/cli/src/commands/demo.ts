/**
 * `teilhabe demo`: the demo's histories (libs/cases/src/demo) sent through the HTTP command API
 * of a running teilhabe, as caseworkers send theirs. What a history holds: docs/dashboard.md.
 */
import { demoCases, demoProgramme, jobcenterIds, stepBody } from '#cases';
import { germanCalendarDay } from '#domain';
import { loadOrCreateDevSecret, type AppConfig } from '#config';
import { issueToken, secretFromText, type Role } from '#security';
import { startProgress } from '../progress.js';
import { UsageError } from '../usage-error.js';

export interface DemoOptions {
  readonly url: string;
  readonly jobcenters: number;
  readonly clients: number;
  readonly seed: number;
  /** First month of the histories (YYYY-MM). */
  readonly from: string;
  readonly concurrency: number;
}

export interface DemoSummary {
  readonly jobcenters: number;
  /** Persons: each Jobcenter's new clients. */
  readonly clients: number;
  /** Enrolments sent: the persons' first cases and their re-enrolments (also after a move). */
  readonly cases: number;
  readonly commands: number;
  readonly refused: number;
  readonly lastPosition: number;
}

export async function demoCommand(config: AppConfig, options: DemoOptions): Promise<DemoSummary> {
  if (config.auth.kind === 'jwks') {
    throw new UsageError(
      'AUTH_JWKS_URL is set: the demo needs AUTH_SECRET or the embedded development key to sign its tokens',
    );
  }
  const secret =
    config.auth.kind === 'secret'
      ? secretFromText(config.auth.secret)
      : loadOrCreateDevSecret(config.dataDir);
  const token = (tenant: string, role: Role, subject: string) =>
    issueToken({
      secret,
      tenant,
      roles: [role],
      subject,
      ...(config.auth.issuer ? { issuer: config.auth.issuer } : {}),
      ...(config.auth.audience ? { audience: config.auth.audience } : {}),
    });
  const health = await fetch(`${options.url}/health`).catch(() => undefined);
  if (!health?.ok)
    throw new UsageError(
      `no teilhabe answers at ${options.url} (start it with npm start, or pass --url)`,
    );

  const today = germanCalendarDay(new Date());
  const tenants = jobcenterIds(options.jobcenters);
  const firstYear = Number(options.from.slice(0, 4));
  const lastYear = Number(today.slice(0, 4));
  let commands = 0;
  let refused = 0;
  let lastPosition = 0;
  /** POSTs a command; its answer, or undefined if the domain refused it (counted). */
  const post = async (path: string, body: unknown, bearer: string) => {
    const response = await fetch(`${options.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` },
      body: JSON.stringify(body),
    });
    commands += 1;
    if (!response.ok) {
      if (response.status >= 500 || response.status === 401 || response.status === 429) {
        throw new Error(`${path}: ${response.status} ${await response.text()}`);
      }
      refused += 1;
      return undefined;
    }
    const answer = (await response.json()) as Record<string, unknown> & { position: number };
    lastPosition = Math.max(lastPosition, answer.position);
    return answer;
  };

  // Every Jobcenter's programmes first: a person who moves is enrolled in a Jobcenter whose own
  // clients may come later.
  for (const tenant of tenants) {
    const planner = await token(tenant, 'planner', `demo-planner-${tenant}`);
    for (let year = firstYear; year <= lastYear; year++) {
      const programme = demoProgramme(year, options.clients);
      for (const measure of programme.measures)
        await post(`/v1/programmes/${year}/measures`, measure, planner);
      await post(`/v1/programmes/${year}/approval`, programme.approval, planner);
    }
  }
  const progress = startProgress({
    label: 'demo: recording clients',
    total: tenants.length * options.clients,
    unit: 'clients',
  });
  // Drawn one at a time by the workers, in the generator's fixed order (the seed decides them).
  const cases = demoCases({ ...options, today });
  let clients = 0;
  let sent = 0;
  const worker = async (w: number) => {
    for (let next = cases.next(); !next.done; next = cases.next()) {
      const { tenant, again, history } = next.value;
      const index = sent++;
      // One caller per case keeps each under the per-caller rate limit.
      const caseworker = await token(tenant, 'caseworker', `demo-caseworker-${w}-${index}`);
      const enrolled = await post('/v1/cases', history.enrol, caseworker);
      const caseId = enrolled?.caseId as string | undefined;
      const ids = new Map<string, string>(); // the history's ids -> the ones the API assigned
      for (const step of caseId ? history.steps : []) {
        const body = stepBody(step);
        const planned = step.params?.assignmentId ?? step.params?.employmentId;
        if (step.path === 'measures' || step.path === 'employments') {
          const answer = await post(`/v1/cases/${caseId}/${step.path}`, body, caseworker);
          const assigned = (answer?.assignmentId ?? answer?.employmentId) as string | undefined;
          if (planned && assigned) ids.set(planned, assigned);
          continue;
        }
        const real = planned ? ids.get(planned) : undefined;
        if (planned && !real) continue; // what it belongs to was refused
        const path = step.path
          .replace('{assignmentId}', real ?? '')
          .replace('{employmentId}', real ?? '');
        await post(`/v1/cases/${caseId}/${path}`, body, caseworker);
      }
      if (!again) progress.update(++clients);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, (_, w) => worker(w)));
  progress.stop();
  return {
    jobcenters: tenants.length,
    clients,
    cases: sent,
    commands,
    refused,
    lastPosition,
  };
}
