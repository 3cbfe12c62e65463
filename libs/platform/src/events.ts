/** The clock, injected so that tests set the time instead of waiting for it. */
export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };
export const CLOCK = Symbol('CLOCK');
