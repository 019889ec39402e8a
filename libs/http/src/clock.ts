/** The one clock of the API: the domain gets "today" from here, in the Jobcenters' time zone. */
export const CLOCK = Symbol('Clock');
export type Clock = () => Date;

const berlinDate = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Berlin',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The calendar day (YYYY-MM-DD) in Germany at `instant`. */
export function germanCalendarDay(instant: Date): string {
  return berlinDate.format(instant);
}
