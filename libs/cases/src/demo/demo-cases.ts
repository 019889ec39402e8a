// Every case of the demo data set, Jobcenter by Jobcenter: its new clients, each followed by the
// person's later cases (docs/dashboard.md, "Demo data").
import { clientHistory, type ClientHistory } from './client-history.js';
import { jobcenterIds } from './jobcenters.js';
import { seededRandom } from './seeded-random.js';

export interface DemoDataOptions {
  readonly jobcenters: number;
  /** New clients (persons) per Jobcenter; their re-enrolments come on top. */
  readonly clients: number;
  readonly seed: number;
  /** First month of the histories (YYYY-MM). */
  readonly from: string;
  readonly today: string;
}

export interface DemoCase {
  readonly tenant: string;
  /** The person's index in the data set: the same for all of the person's cases. */
  readonly person: number;
  /** Whether the person had a case before this one. */
  readonly again: boolean;
  readonly history: ClientHistory;
}

/**
 * The cases in a fixed order (the same seed, the same cases): Jobcenter by Jobcenter, a
 * re-enrolment in the same Jobcenter right after the case before it, a case after a move in its
 * Jobcenter's turn (or at the end, when that turn has passed). Streamed: only the cases waiting
 * for their Jobcenter are held.
 */
export function* demoCases(options: DemoDataOptions): Generator<DemoCase> {
  const rng = seededRandom(options.seed);
  const tenants = jobcenterIds(options.jobcenters);
  const from = `${options.from}-01`;
  const waiting = tenants.map((): DemoCase[] => []);

  /** A case and the person's later cases in the same Jobcenter; a move's case waits. */
  function* withFollowUps(index: number, first: DemoCase): Generator<DemoCase> {
    for (let current = first; ;) {
      yield current;
      const followUp = current.history.followUp;
      // With one Jobcenter only, a person who moves leaves the data set.
      if (!followUp || (followUp.jobcenter === 'another' && tenants.length < 2)) return;
      const target =
        followUp.jobcenter === 'same'
          ? index
          : (index + 1 + Math.floor(rng() * (tenants.length - 1))) % tenants.length;
      const next: DemoCase = {
        tenant: tenants[target]!,
        person: current.person,
        again: true,
        history: clientHistory(rng, from, options.today, {
          again: current.history,
          on: followUp.on,
        }),
      };
      if (target !== index) {
        waiting[target]!.push(next);
        return;
      }
      current = next;
    }
  }
  function* drain(index: number): Generator<DemoCase> {
    for (let next = waiting[index]!.shift(); next; next = waiting[index]!.shift())
      yield* withFollowUps(index, next);
  }

  for (const [index, tenant] of tenants.entries()) {
    for (let i = 0; i < options.clients; i++) {
      const person = index * options.clients + i;
      const history = clientHistory(rng, from, options.today, { person });
      yield* withFollowUps(index, { tenant, person, again: false, history });
    }
    yield* drain(index);
  }
  // Moves into a Jobcenter whose turn had passed (and moves on from there).
  while (waiting.some((list) => list.length > 0))
    for (const index of tenants.keys()) yield* drain(index);
}
