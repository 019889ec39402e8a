/** The one clock of the HTTP apps: "today" is `germanCalendarDay` (libs/domain) of its reading. */
export const CLOCK = Symbol('Clock');
export type Clock = () => Date;
