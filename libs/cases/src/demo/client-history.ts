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

/** The person's next case: enrolled again on `on`, in the same Jobcenter or another after a move. */
export interface FollowUp {
  readonly on: string;
  readonly jobcenter: 'same' | 'another';
}

export interface ClientHistory {
  readonly enrol: Record<string, unknown>;
  readonly steps: HistoryStep[];
  /** Set when the case closes and the same person is enrolled again later. */
  readonly followUp?: FollowUp;
}

/**
 * Whose history: a new person, the `person`-th of the data set (part of the name, so that two
 * persons never share name and date of birth), or the person of an earlier case enrolled again.
 */
export type HistoryOf =
  { readonly person: number } | { readonly again: ClientHistory; readonly on: string };

/** A new person's client data and target groups, enrolled on a day between `from` and `today`. */
function newClient(rng: () => number, from: string, today: string, person: number) {
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
  return {
    client: {
      givenName: 'Demo',
      familyName: `Client-${person}-${Math.floor(rng() * 1e6)}`,
      dateOfBirth: birth,
      gender,
    },
    enrolledOn,
    targetGroups: {
      singleParent: gender === 'female' ? rng() < 0.22 : rng() < 0.03,
      refugeeUkraine: refugee,
    },
  };
}

/**
 * One client's history as dated commands (with ids chosen here), mostly in date order; a closed
 * case records nothing after its closing.
 */
export function clientHistory(
  rng: () => number,
  from: string,
  today: string,
  of: HistoryOf,
): ClientHistory {
  // The same person again: the same client data and target groups, only the day is new.
  const enrol: Record<string, unknown> =
    'again' in of
      ? { ...of.again.enrol, enrolledOn: of.on }
      : newClient(rng, from, today, of.person);
  const enrolledOn = enrol.enrolledOn as string;
  const refugee = (enrol.targetGroups as { refugeeUkraine: boolean }).refugeeUkraine;
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
  let closing: { step: HistoryStep; followUp?: FollowUp } | undefined;
  for (; day <= today && !closing; day = addDays(day, 28 + Math.floor(rng() * 6))) {
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
    } else if (inNeed && rng() < 0.006) {
      // A move while in need: the case closes, the person is enrolled in another Jobcenter on
      // the same day or a few days later. Or (a third) a new case in the same Jobcenter that day.
      const closedOn = addDays(day, Math.floor(rng() * 20));
      const move = rng() < 0.67;
      const reason = move ? 'moved' : rng() < 0.5 ? 'transferred' : 'other';
      closing = {
        step: { on: closedOn, path: 'close', body: { reason } },
        followUp: move
          ? { on: addDays(closedOn, Math.floor(rng() * 6)), jobcenter: 'another' }
          : { on: closedOn, jobcenter: 'same' },
      };
    } else if (!inNeed && rng() < 0.03) {
      const resumedOn = addDays(day, 1);
      if (resumedOn > needEndedOn) {
        push({ on: resumedOn, path: 'need-resumed', body: {} });
        inNeed = true;
      }
    } else if (!inNeed && rng() < 0.02) {
      const closedOn = addDays(day, 1);
      // Not before the end of need is recorded: the domain refuses that closing reason before.
      if (closedOn >= needEndedOn) {
        // Now and then the need comes back months later, with a new case in the same Jobcenter.
        const back = rng() < 0.4 ? addDays(closedOn, 30 + Math.floor(rng() * 500)) : undefined;
        closing = {
          step: { on: closedOn, path: 'close', body: { reason: 'need-ended' } },
          ...(back ? { followUp: { on: back, jobcenter: 'same' } } : {}),
        };
      }
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
  if (!closing || closing.step.on > today) return { enrol, steps };
  // What was planned after the closing (a measure's end, a job's end) does not happen in this case.
  const kept = steps.filter((step) => step.on <= closing.step.on);
  return {
    enrol,
    steps: [...kept, closing.step],
    // A person comes back only by today (a move a few days after a closing today would not).
    ...(closing.followUp && closing.followUp.on <= today ? { followUp: closing.followUp } : {}),
  };
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
