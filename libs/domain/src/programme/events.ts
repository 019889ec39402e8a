import { type CalendarDate, type Event } from '../kernel/index.js';

/** Kinds of Eingliederungsmaßnahmen an Arbeitsmarktprogramm plans places for. */
export const MEASURE_KINDS = [
  'activation',
  'vocational-training',
  'wage-subsidy',
  'job-application-training',
  'coaching',
  'other',
] as const;
export type MeasureKind = (typeof MEASURE_KINDS)[number];

/** Zielgruppen a measure is meant for; `all` means open to every client. */
export const PROGRAMME_TARGET_GROUPS = [
  'u25',
  '50plus',
  'single-parent',
  'refugee-ukraine',
  'all',
] as const;
export type ProgrammeTargetGroup = (typeof PROGRAMME_TARGET_GROUPS)[number];

export const MIN_PLANNED_PLACES = 1;
export const MAX_PLANNED_PLACES = 100_000;

/** A measure entered into the Arbeitsmarktprogramm of `year`, with the places planned for it. */
export type MeasureOffered = Event<
  'MeasureOffered',
  {
    readonly year: number;
    readonly measureId: string;
    readonly title: string;
    readonly kind: MeasureKind;
    readonly plannedPlaces: number;
    readonly targetGroups: readonly ProgrammeTargetGroup[];
    readonly offeredOn: CalendarDate;
  }
>;

/** The örtlicher Beirat approved the programme; from now on it is frozen. */
export type ProgrammeApproved = Event<
  'ProgrammeApproved',
  { readonly year: number; readonly approvedOn: CalendarDate }
>;

/** Programme events carry no personal data: the programme planner never sees any. */
export type ProgrammeEvent = MeasureOffered | ProgrammeApproved;
export type ProgrammeEventType = ProgrammeEvent['type'];
