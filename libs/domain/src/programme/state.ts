import { type CalendarDate } from '../kernel/index.js';
import { type MeasureKind, type ProgrammeTargetGroup } from './events.js';

export interface OfferedMeasure {
  readonly title: string;
  readonly kind: MeasureKind;
  readonly plannedPlaces: number;
  readonly targetGroups: readonly ProgrammeTargetGroup[];
}

/** The Arbeitsmarktprogramm of one tenant and year. */
export interface ProgrammeState {
  /** `null` until the first event: the stream of a year nobody has planned yet is empty. */
  readonly year: number | null;
  readonly measures: Readonly<Record<string, OfferedMeasure>>;
  /** Set once the örtlicher Beirat approved the programme; it is frozen from then on. */
  readonly approvedOn?: CalendarDate;
}

/** A programme's folded state plus the stream version it was folded at, as a case decision sees it. */
export type ProgrammeSnapshot = ProgrammeState & { readonly version: number };
