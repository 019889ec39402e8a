/** The one mapping from a request body to a programme command (HTTP API and legacy import). */
import type { ApproveProgramme, OfferMeasure } from '#domain';
import type { Unstamped } from '../handle-command.js';
import type { ApproveProgrammeDto, OfferMeasureDto } from './programme-bodies.js';

/** A measure offered without a day is offered today. */
export function offerMeasureCommand(
  year: number,
  body: OfferMeasureDto,
  today: string,
): Unstamped<OfferMeasure> {
  return {
    type: 'OfferMeasure',
    data: {
      year,
      measureId: body.measureId,
      title: body.title,
      kind: body.kind,
      plannedPlaces: body.plannedPlaces,
      targetGroups: body.targetGroups,
      offeredOn: body.offeredOn ?? today,
    },
  };
}

export function approveProgrammeCommand(
  year: number,
  body: ApproveProgrammeDto,
): Unstamped<ApproveProgramme> {
  return { type: 'ApproveProgramme', data: { year, approvedOn: body.approvedOn } };
}
