import { type Command } from '../kernel/index.js';
import { type MeasureOffered, type ProgrammeApproved } from './events.js';

/** Carries exactly what the MeasureOffered event records; the decider checks it. */
export type OfferMeasure = Command<'OfferMeasure', MeasureOffered['data']>;

/** Records the vote of the örtlicher Beirat on the programme of `year`. */
export type ApproveProgramme = Command<'ApproveProgramme', ProgrammeApproved['data']>;

export type ProgrammeCommand = OfferMeasure | ApproveProgramme;
