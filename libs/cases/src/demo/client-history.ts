// One demo client's history as the command API's request bodies, dated, drawn from a seeded PRNG.
import { randomUUID } from 'node:crypto';
import { addDays } from '#domain';
import { DEMO_MEASURES } from './demo-programme.js';

/** A dated request of a history; `params` are the ids the history chose for what it creates. */
export type HistoryStep = {
  on: string;
  path: string;
  body: Record<string, unknown>;
  params?: Record<string, string>;
};

export interface ClientHistory {
  readonly enrol: Record<string, unknown>;
  readonly steps: HistoryStep[];
}

/** One client's history as dated commands (with ids chosen here), mostly in date order. */
export function clientHistory(rng: () => number, from: string, today: string): ClientHistory {
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
  const steps: HistoryStep[] = [];
  const push = (step: HistoryStep) => {
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
      const measure = DEMO_MEASURES.find((m) => (acc += m.share) >= roll) ?? DEMO_MEASURES[0];
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

/** The field of a step's body that holds its date, as the route names it. */
function dateField(path: string): string {
  if (path === 'cooperation-plan') return 'agreedOn';
  if (path === 'measures') return 'assignedOn';
  if (path.startsWith('measures/')) return 'on';
  if (path === 'employments') return 'startedOn';
  if (path.endsWith('/end')) return 'endedOn';
  if (path === 'need-ended') return 'endedOn';
  if (path === 'need-resumed') return 'resumedOn';
  return 'closedOn';
}

/** The request body of a step: its fields and its date (an abort names a reason). */
export function stepBody(step: HistoryStep): Record<string, unknown> {
  const body: Record<string, unknown> = { ...step.body, [dateField(step.path)]: step.on };
  if (step.path.endsWith('/abort')) body.reason = 'illness';
  return body;
}
