/**
 * `teilhabe demo`: realistic case histories for a number of Jobcenters, recorded through the HTTP
 * command API of a running teilhabe, so that the statistics and the dashboard have something to
 * show. What a history holds: docs/dashboard.md ("Demo data").
 */ import { randomUUID } from 'node:crypto';
import { germanCalendarDay } from '#domain';
import { loadOrCreateDevSecret, type AppConfig } from '#config';
import { issueToken, secretFromText, type Role } from '#security';
import { startProgress } from '../progress.js';
import { UsageError } from '../usage-error.js';

export const JOBCENTER_NAMES = [
  'kronach',
  'coburg',
  'lichtenfels',
  'kulmbach',
  'bamberg',
  'forchheim',
  'hof',
  'bayreuth',
  'wunsiedel',
  'erlangen',
  'nuernberg',
  'fuerth',
  'ansbach',
  'schwabach',
  'wuerzburg',
  'schweinfurt',
  'aschaffenburg',
  'regensburg',
  'passau',
  'landshut',
  'straubing',
  'augsburg',
  'kempten',
  'muenchen',
  'rosenheim',
  'ingolstadt',
  'leipzig',
  'dresden',
  'chemnitz',
  'erfurt',
  'jena',
  'gera',
  'magdeburg',
  'halle',
  'berlin-mitte',
  'potsdam',
  'rostock',
  'hamburg',
  'bremen',
  'hannover',
  'kassel',
  'frankfurt',
  'koeln',
  'essen',
  'dortmund',
  'duisburg',
  'stuttgart',
  'freiburg',
  'mannheim',
  'saarbruecken',
];

export function jobcenterIds(count: number): string[] {
  return Array.from({ length: count }, (_, i) =>
    i < JOBCENTER_NAMES.length
      ? `jc-${JOBCENTER_NAMES[i]}`
      : `jc-region-${String(i + 1).padStart(3, '0')}`,
  );
}

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
  readonly clients: number;
  readonly commands: number;
  readonly refused: number;
  readonly lastPosition: number;
}

/** A small seeded PRNG (mulberry32): the same seed gives the same histories. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function addDays(day: string, days: number): string {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export type Step = {
  on: string;
  path: string;
  body: Record<string, unknown>;
  params?: Record<string, string>;
};

export const MEASURES = [
  {
    measureId: 'AKT',
    title: 'Aktivierung und berufliche Eingliederung',
    kind: 'activation',
    share: 0.35,
  },
  {
    measureId: 'JT-SPRACHE',
    title: 'Job-Turbo: Berufssprachkurs mit Praktikum',
    kind: 'vocational-training',
    share: 0.2,
  },
  { measureId: 'EGZ', title: 'Eingliederungszuschuss', kind: 'wage-subsidy', share: 0.1 },
  {
    measureId: 'BEWERBUNG',
    title: 'Bewerbungstraining',
    kind: 'job-application-training',
    share: 0.2,
  },
  {
    measureId: 'COACHING',
    title: 'Ganzheitliches Coaching (§ 16k SGB II)',
    kind: 'coaching',
    share: 0.15,
  },
] as const;

/** One client's history as dated commands (with ids chosen here), mostly in date order. */
export function clientHistory(
  rng: () => number,
  from: string,
  today: string,
): { enrol: Record<string, unknown>; steps: Step[] } {
  const span = Math.max(1, Math.round((Date.parse(today) - Date.parse(from)) / 86_400_000) - 20);
  const enrolledOn = addDays(from, Math.floor(rng() * span));
  const u25 = rng() < 0.15;
  const over50 = !u25 && rng() < 0.22;
  const age = u25
    ? 18 + Math.floor(rng() * 7)
    : over50
      ? 50 + Math.floor(rng() * 12)
      : 25 + Math.floor(rng() * 25);
  const birth = addDays(enrolledOn, -Math.round((age + rng()) * 365.25));
  const refugee = rng() < 0.16;
  const genderRoll = rng();
  const gender =
    genderRoll < 0.49
      ? 'female'
      : genderRoll < 0.98
        ? 'male'
        : genderRoll < 0.99
          ? 'diverse'
          : 'unspecified';
  const enrol = {
    client: {
      givenName: 'Demo',
      familyName: `Client-${Math.floor(rng() * 1e6)}`,
      dateOfBirth: birth,
      gender,
    },
    enrolledOn,
    targetGroups: {
      singleParent: gender === 'female' ? rng() < 0.22 : rng() < 0.03,
      refugeeUkraine: refugee,
    },
  };
  const steps: Step[] = [];
  const push = (step: Step) => {
    if (step.on <= today) steps.push(step);
  };
  if (rng() < 0.85)
    push({
      on: addDays(enrolledOn, 7 + Math.floor(rng() * 21)),
      path: 'cooperation-plan',
      body: { goals: ['Deutschkurs', 'Bewerbungen'] },
    });

  // Month by month: measure, work, end of need, renewed need, closing.
  let day = addDays(enrolledOn, 20);
  let inNeed = true;
  let needEndedOn = '';
  let activeMeasure: string | null = null;
  const jobs: { id: string; kind: string; startedOn: string }[] = [];
  let closed = false;
  for (; day <= today && !closed; day = addDays(day, 28 + Math.floor(rng() * 6))) {
    if (inNeed && activeMeasure === null && rng() < 0.06) {
      const roll = rng();
      let acc = 0;
      const measure = MEASURES.find((m) => (acc += m.share) >= roll) ?? MEASURES[0];
      const assignmentId = randomUUID();
      push({
        on: day,
        path: 'measures',
        body: { measureId: measure.measureId },
        params: { assignmentId },
      });
      if (rng() < 0.85) {
        const started = addDays(day, 7 + Math.floor(rng() * 14));
        push({
          on: started,
          path: `measures/{assignmentId}/start`,
          body: {},
          params: { assignmentId },
        });
        activeMeasure = assignmentId;
        const length = 30 + Math.floor(rng() * 150);
        const ended = addDays(started, length);
        push({
          on: ended,
          path: rng() < 0.72 ? 'measures/{assignmentId}/complete' : 'measures/{assignmentId}/abort',
          body: {},
          params: { assignmentId },
        });
        if (ended <= today) activeMeasure = null;
      }
    }
    if (inNeed && rng() < (refugee ? 0.028 : 0.035)) {
      const kinds = [
        ['insured', 0.66],
        ['vocational-training', 0.07],
        ['self-employed', 0.04],
        ['marginal', 0.15],
        ['publicly-funded', 0.08],
      ] as const;
      const roll = rng();
      let acc = 0;
      const kind = kinds.find(([, share]) => (acc += share) >= roll)?.[0] ?? 'insured';
      const employmentId = randomUUID();
      const startedOn = addDays(day, Math.floor(rng() * 20));
      push({
        on: startedOn,
        path: 'employments',
        body: {
          kind,
          subsidised: kind === 'insured' && rng() < 0.12,
          monthlyGrossIncome: 1200 + Math.floor(rng() * 2200),
        },
        params: { employmentId },
      });
      jobs.push({ id: employmentId, kind, startedOn });
      if (['insured', 'vocational-training', 'self-employed'].includes(kind) && rng() < 0.55) {
        needEndedOn = addDays(startedOn, 15 + Math.floor(rng() * 60));
        push({ on: needEndedOn, path: 'need-ended', body: { reason: 'employment-income' } });
        inNeed = false;
      }
    } else if (inNeed && rng() < 0.012) {
      const reasons = ['other-income', 'household-change', 'moved', 'other'];
      needEndedOn = addDays(day, Math.floor(rng() * 20));
      push({
        on: needEndedOn,
        path: 'need-ended',
        body: { reason: reasons[Math.floor(rng() * reasons.length)] },
      });
      inNeed = false;
    } else if (!inNeed && rng() < 0.03) {
      const resumedOn = addDays(day, 1);
      if (resumedOn > needEndedOn) {
        push({ on: resumedOn, path: 'need-resumed', body: {} });
        inNeed = true;
      }
    } else if (!inNeed && rng() < 0.02) {
      push({ on: addDays(day, 1), path: 'close', body: { reason: 'need-ended' } });
      closed = true;
    }
    for (const job of jobs.splice(0)) {
      if (rng() < 0.75) {
        jobs.push(job);
        continue;
      }
      push({
        on: addDays(job.startedOn, 60 + Math.floor(rng() * 400)),
        path: 'employments/{employmentId}/end',
        body: {},
        params: { employmentId: job.id },
      });
    }
  }
  steps.sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));
  // Late entries: now and then a job start is recorded after the next thing that happened.
  for (let i = 0; i < steps.length - 1; i++) {
    if (steps[i]!.path === 'employments' && rng() < 0.15)
      [steps[i], steps[i + 1]] = [steps[i + 1]!, steps[i]!];
  }
  return { enrol, steps };
}

export function dateField(path: string): string {
  if (path === 'cooperation-plan') return 'agreedOn';
  if (path === 'measures') return 'assignedOn';
  if (path.startsWith('measures/')) return 'on';
  if (path === 'employments') return 'startedOn';
  if (path.endsWith('/end')) return 'endedOn';
  if (path === 'need-ended') return 'endedOn';
  if (path === 'need-resumed') return 'resumedOn';
  return 'closedOn';
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
  const rng = random(options.seed);
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

  const progress = startProgress({
    label: 'demo: recording clients',
    total: tenants.length * options.clients,
    unit: 'clients',
  });
  let done = 0;
  for (const tenant of tenants) {
    const planner = await token(tenant, 'planner', `demo-planner-${tenant}`);
    for (let year = firstYear; year <= lastYear; year++) {
      for (const measure of MEASURES) {
        await post(
          `/v1/programmes/${year}/measures`,
          {
            measureId: measure.measureId,
            title: measure.title,
            kind: measure.kind,
            plannedPlaces: Math.max(2, Math.round((options.clients * measure.share) / 8)),
            targetGroups: measure.measureId === 'JT-SPRACHE' ? ['refugee-ukraine'] : ['all'],
            offeredOn: `${year - 1}-11-15`,
          },
          planner,
        );
      }
      await post(`/v1/programmes/${year}/approval`, { approvedOn: `${year - 1}-12-10` }, planner);
    }
    const histories = Array.from({ length: options.clients }, () =>
      clientHistory(rng, `${options.from}-01`, today),
    );
    let next = 0;
    const worker = async (w: number) => {
      for (;;) {
        const index = next++;
        const history = histories[index];
        if (!history) return;
        // One caller per client keeps each under the per-caller rate limit.
        const caseworker = await token(tenant, 'caseworker', `demo-caseworker-${w}-${index}`);
        const enrolled = await post('/v1/cases', history.enrol, caseworker);
        const caseId = enrolled?.caseId as string | undefined;
        const ids = new Map<string, string>(); // the history's ids -> the ones the API assigned
        for (const step of caseId ? history.steps : []) {
          const body: Record<string, unknown> = { ...step.body, [dateField(step.path)]: step.on };
          if (step.path.endsWith('/abort')) body.reason = 'illness';
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
        done += 1;
        progress.update(done);
      }
    };
    await Promise.all(Array.from({ length: options.concurrency }, (_, w) => worker(w)));
  }
  progress.stop();
  return {
    jobcenters: tenants.length,
    clients: tenants.length * options.clients,
    commands,
    refused,
    lastPosition,
  };
}
