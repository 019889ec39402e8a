/** Typed refusals of the statistics queries; libs/http decides how each is answered. */

/** A token of one Jobcenter asked for another's figures (only the national view sees all). */
export class StatisticsForbiddenError extends Error {
  constructor(
    readonly tenant: string,
    readonly jobcenter: string,
  ) {
    super(`Your token is for ${tenant}; only national analysts see other Jobcenters.`);
    this.name = 'StatisticsForbiddenError';
  }
}

/** Read-your-writes waited its bound and the read model is still before the asked position. */
export class PositionNotReachedError extends Error {
  constructor(
    /** The position the read model had reached. */
    readonly reached: number,
    readonly retryAfterSeconds: number,
  ) {
    super(`The read model is at position ${reached}; retry shortly.`);
    this.name = 'PositionNotReachedError';
  }
}

/** A statistics request this read model cannot answer as asked, naming the parameter and rule. */
export class InvalidStatisticsRequestError extends Error {
  constructor(
    /** The request parameter (`minPosition`, `to`); the HTTP layer knows it is a query parameter. */
    readonly field: string,
    readonly rule: string,
    message: string,
  ) {
    super(message);
    this.name = 'InvalidStatisticsRequestError';
  }
}
