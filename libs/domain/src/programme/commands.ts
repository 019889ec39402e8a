import { type CalendarDate, type Command } from '../kernel/index.js';
import { type MeasureKind, type ProgrammeTargetGroup } from './events.js';

export type OfferMeasure = Command<
  'OfferMeasure',
  {
    readonly year: number;
    readonly measureId: string;
    readonly title: string;
    readonly kind: MeasureKind;
    /** Integer 1..100 000. */
    readonly plannedPlaces: number;
    /** Non-empty, without duplicates. */
    readonly targetGroups: readonly ProgrammeTargetGroup[];
    readonly offeredOn: CalendarDate;
  }
>;

/** Records the vote of the örtlicher Beirat on the programme of `year`. */
export type ApproveProgramme = Command<
  'ApproveProgramme',
  { readonly year: number; readonly approvedOn: CalendarDate }
>;

export type ProgrammeCommand = OfferMeasure | ApproveProgramme;
