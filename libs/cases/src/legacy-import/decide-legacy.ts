/** Legacy records decided through the domain, as the API's handlers would decide their requests. */
import {
  DomainRuleViolation,
  decideCase,
  decideProgramme,
  evolveCase,
  evolveProgramme,
  initialCaseState,
  initialProgrammeState,
  type CaseCommand,
  type CaseState,
  type DomainEvent,
  type ProgrammeCommand,
  type ProgrammeSnapshot,
  type ProgrammeState,
} from '#domain';
import { stampDay, type Unstamped } from '../handle-command.js';
import {
  CASE_REQUESTS,
  caseCommandFromRequest,
  enrolClientCommand,
  type CaseRequestKind,
  type EnrolmentBody,
} from '../requests/case-commands.js';
import type { ApproveProgrammeDto, OfferMeasureDto } from '../requests/programme-bodies.js';
import { approveProgrammeCommand, offerMeasureCommand } from '../requests/programme-commands.js';
import { LegacyRecordError, type LegacyCase, type LegacyProgramme } from './legacy-record.js';

function ruleError(line: number, field: string, error: unknown): never {
  if (error instanceof DomainRuleViolation)
    throw new LegacyRecordError(
      line,
      error.field ? `${field}.${error.field}` : field,
      error.code,
      error.message,
    );
  throw error;
}

interface Decided {
  readonly events: DomainEvent[];
}

/**
 * Decides a whole case through the domain; the events in order, or an error naming the line,
 * the step and the rule the domain refused.
 */
export function decideLegacyCase(
  line: number,
  record: LegacyCase,
  today: string,
  programme: (year: number) => ProgrammeSnapshot,
  /** The client's person key (`vault.personKey` of the enrolment's client and reference). */
  personKey: (enrol: EnrolmentBody) => string,
  /** Instead of failing, leave out a step the domain refuses (the demo generator's use). */
  refused?: (index: number) => void,
): Decided {
  const events: DomainEvent[] = [];
  let state: CaseState = initialCaseState();
  const run = (field: string, command: Unstamped<CaseCommand>, index = -1) => {
    let decided;
    try {
      decided = decideCase(stampDay<CaseCommand>(command, today), state);
    } catch (error) {
      if (refused && index >= 0 && error instanceof DomainRuleViolation) return refused(index);
      ruleError(line, field, error);
    }
    for (const event of decided) {
      state = evolveCase(state, event);
      events.push(event);
    }
  };
  // The bodies were checked against the API's request classes (parseLegacyRecord).
  run(
    'enrol',
    enrolClientCommand(
      record.caseId.toLowerCase(),
      record.enrol as unknown as EnrolmentBody,
      personKey(record.enrol as unknown as EnrolmentBody),
    ),
  );
  record.steps.forEach((step, i) => {
    const kind = step.command as CaseRequestKind;
    const idField = CASE_REQUESTS[kind].id;
    const id = idField ? (step[idField] as string).toLowerCase() : '';
    run(`steps[${i}]`, caseCommandFromRequest(kind, step.body, { id, programme }), i);
  });
  return { events };
}

/** A programme record's events, decided on top of the programme as stored. */
export function decideLegacyProgramme(
  line: number,
  record: LegacyProgramme,
  base: { state: ProgrammeState },
  today: string,
): { events: DomainEvent[]; state: ProgrammeState } {
  let state = base.state;
  const events: DomainEvent[] = [];
  // The bodies were checked against the API's request classes (parseLegacyRecord).
  const commands: Unstamped<ProgrammeCommand>[] = [
    ...record.measures.map((m) =>
      offerMeasureCommand(record.year, m as unknown as OfferMeasureDto, today),
    ),
    ...(record.approval
      ? [approveProgrammeCommand(record.year, record.approval as unknown as ApproveProgrammeDto)]
      : []),
  ];
  commands.forEach((command, i) => {
    let decided;
    try {
      decided = decideProgramme(stampDay<ProgrammeCommand>(command, today), state);
    } catch (error) {
      ruleError(line, i < record.measures.length ? `measures[${i}]` : 'approval', error);
    }
    for (const event of decided) {
      state = evolveProgramme(state, event);
      events.push(event);
    }
  });
  return { events, state };
}

/** The steps of a case the domain accepts, given its Jobcenter's programmes by year. */
export function acceptedSteps(
  record: LegacyCase,
  today: string,
  programmes: ReadonlyMap<number, LegacyProgramme>,
): LegacyCase['steps'] {
  const empty = { state: initialProgrammeState() };
  const snapshots = new Map<number, ProgrammeSnapshot>();
  const programme = (year: number): ProgrammeSnapshot => {
    let snapshot = snapshots.get(year);
    if (!snapshot) {
      const stored = programmes.get(year);
      const decided = stored ? decideLegacyProgramme(0, stored, empty, today) : undefined;
      snapshot = { ...(decided?.state ?? empty.state), version: decided?.events.length ?? 0 };
      snapshots.set(year, snapshot);
    }
    return snapshot;
  };
  const left = new Set<number>();
  // Which steps the domain refuses does not depend on the person key: any key of the right form.
  const anyKey = () => 'legacy-step-check-key';
  decideLegacyCase(0, record, today, programme, anyKey, (index) => void left.add(index));
  return record.steps.filter((_, i) => !left.has(i));
}
