import {
  assertNever,
  ownEntry,
  requireCalendarDate,
  requireNotInFuture,
  requireToday,
  yearOf,
  type Decider,
} from '../kernel/index.js';
import { type ApproveProgramme, type OfferMeasure, type ProgrammeCommand } from './commands.js';
import {
  MAX_PLANNED_PLACES,
  MIN_PLANNED_PLACES,
  PROGRAMME_TARGET_GROUPS,
  type ProgrammeEvent,
} from './events.js';
import { ProgrammeRuleCodes as Codes, programmeRuleViolation as violation } from './rules.js';
import { type ProgrammeState } from './state.js';

/** Years a programme can be planned for: the range calendar dates are valid in. */
const MIN_YEAR = 1900;
const MAX_YEAR = 9999;

export function initialProgrammeState(): ProgrammeState {
  return { year: null, measures: {} };
}

export function evolveProgramme(state: ProgrammeState, event: ProgrammeEvent): ProgrammeState {
  switch (event.type) {
    case 'MeasureOffered': {
      const { year, measureId, title, kind, plannedPlaces, targetGroups } = event.data;
      return {
        ...state,
        year,
        measures: { ...state.measures, [measureId]: { title, kind, plannedPlaces, targetGroups } },
      };
    }
    case 'ProgrammeApproved':
      return { ...state, year: event.data.year, approvedOn: event.data.approvedOn };
    default:
      return assertNever(event);
  }
}

/**
 * Checks run in a fixed order: the stream (year), the lifecycle (approved?), the command's own
 * values, and last the rules relating them to what the programme already holds.
 */
export function decideProgramme(
  command: ProgrammeCommand,
  state: ProgrammeState,
): ProgrammeEvent[] {
  requireToday(command.metadata.today);
  switch (command.type) {
    case 'OfferMeasure':
      return offerMeasure(command, state);
    case 'ApproveProgramme':
      return approveProgramme(command, state);
    default:
      return assertNever(command);
  }
}

export const programmeDecider: Decider<ProgrammeState, ProgrammeCommand, ProgrammeEvent> = {
  initialState: initialProgrammeState,
  evolve: evolveProgramme,
  decide: decideProgramme,
};

function offerMeasure({ data, metadata }: OfferMeasure, state: ProgrammeState): ProgrammeEvent[] {
  requireProgrammeYear(data.year, state);
  requireNotApproved(state);
  requireCalendarDate(data.offeredOn, 'offeredOn');
  requireNotInFuture(data.offeredOn, metadata.today, 'offeredOn');
  const { plannedPlaces, targetGroups } = data;
  if (
    !Number.isInteger(plannedPlaces) ||
    plannedPlaces < MIN_PLANNED_PLACES ||
    plannedPlaces > MAX_PLANNED_PLACES
  ) {
    throw violation(
      Codes.invalidPlannedPlaces,
      `plannedPlaces must be an integer from ${MIN_PLANNED_PLACES} to ${MAX_PLANNED_PLACES}, got ${plannedPlaces}`,
      'plannedPlaces',
    );
  }
  if (!areValidTargetGroups(targetGroups)) {
    throw violation(
      Codes.invalidTargetGroups,
      `targetGroups must be a non-empty list without duplicates of ${PROGRAMME_TARGET_GROUPS.join(', ')}`,
      'targetGroups',
    );
  }
  if (ownEntry(state.measures, data.measureId) !== undefined) {
    throw violation(
      Codes.measureAlreadyOffered,
      `Measure ${data.measureId} is already in the programme ${data.year}`,
      'measureId',
    );
  }
  const { year, measureId, title, kind, offeredOn } = data;
  return [
    {
      type: 'MeasureOffered',
      data: {
        year,
        measureId,
        title,
        kind,
        plannedPlaces,
        targetGroups: [...targetGroups],
        offeredOn,
      },
    },
  ];
}

function approveProgramme(
  { data, metadata }: ApproveProgramme,
  state: ProgrammeState,
): ProgrammeEvent[] {
  requireProgrammeYear(data.year, state);
  requireNotApproved(state);
  if (Object.keys(state.measures).length === 0) {
    throw violation(Codes.programmeEmpty, `The programme ${data.year} has no measures to approve`);
  }
  requireCalendarDate(data.approvedOn, 'approvedOn');
  requireNotInFuture(data.approvedOn, metadata.today, 'approvedOn');
  // The Beirat votes late in the previous year or during the programme year itself.
  const approvalYear = yearOf(data.approvedOn);
  if (approvalYear !== data.year && approvalYear !== data.year - 1) {
    throw violation(
      Codes.approvalDateOutOfRange,
      `approvedOn ${data.approvedOn} must lie in ${data.year - 1} or ${data.year}`,
      'approvedOn',
    );
  }
  return [{ type: 'ProgrammeApproved', data: { year: data.year, approvedOn: data.approvedOn } }];
}

/** The command's year must be a plausible year and, once the stream has one, the stream's year. */
function requireProgrammeYear(year: number, state: ProgrammeState): void {
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) {
    throw violation(
      Codes.invalidYear,
      `year must be an integer from ${MIN_YEAR} to ${MAX_YEAR}, got ${year}`,
      'year',
    );
  }
  if (state.year !== null && state.year !== year) {
    throw violation(
      Codes.programmeYearMismatch,
      `The command is for the programme ${year}, but this stream holds the programme ${state.year}`,
      'year',
    );
  }
}

/** An approved programme is frozen: what the Beirat approved is what case decisions rely on. */
function requireNotApproved(state: ProgrammeState): void {
  if (state.approvedOn !== undefined) {
    throw violation(
      Codes.programmeAlreadyApproved,
      `The programme ${state.year} was approved on ${state.approvedOn} and can no longer change`,
    );
  }
}

function areValidTargetGroups(groups: readonly string[]): boolean {
  const known: readonly string[] = PROGRAMME_TARGET_GROUPS;
  return (
    groups.length > 0 &&
    new Set(groups).size === groups.length &&
    groups.every((group) => known.includes(group))
  );
}
