import { jest } from '@jest/globals';
import { Problem } from '#http';
import type { Principal } from '#security';
import { LiveStreams, atTime } from './live-streams.js';

const anna: Principal = { subject: 'anna', tenant: 'jc-kronach', roles: ['analyst'] };
const annaElsewhere: Principal = { ...anna, tenant: 'jc-coburg' };

describe('LiveStreams', () => {
  it('admits a caller`s streams up to the limit and refuses the next with 429 naming it', () => {
    const streams = new LiveStreams(3);
    const releases = [1, 2, 3].map(() => streams.acquire(anna));
    expect(releases).toHaveLength(3);
    let refused: unknown;
    try {
      streams.acquire(anna);
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(Problem);
    expect(refused).toMatchObject({
      status: 429,
      code: 'too-many-streams',
      extensions: { limit: 3 },
    });
    // The same subject in another Jobcenter is another caller.
    expect(() => streams.acquire(annaElsewhere)).not.toThrow();
  });

  it('counts a released stream out once, however often it is released', () => {
    const streams = new LiveStreams(2);
    const first = streams.acquire(anna);
    streams.acquire(anna);
    first();
    first();
    expect(() => streams.acquire(anna)).not.toThrow();
    expect(() => streams.acquire(anna)).toThrow(Problem);
  });
});

describe('atTime', () => {
  beforeEach(() => jest.useFakeTimers({ now: 0 }));
  afterEach(() => jest.useRealTimers());

  it('fires at the time given, also beyond setTimeout`s 24.8 days', () => {
    const fire = jest.fn();
    const thirtyDays = 30 * 86_400_000;
    atTime(thirtyDays, fire);
    jest.advanceTimersByTime(thirtyDays - 1);
    expect(fire).not.toHaveBeenCalled();
    jest.advanceTimersByTime(1);
    expect(fire).toHaveBeenCalledTimes(1);
  });

  it('fires at once for a time past, and never once cancelled', () => {
    const past = jest.fn();
    atTime(-1, past);
    expect(past).toHaveBeenCalledTimes(1);
    const cancelled = jest.fn();
    atTime(1000, cancelled)();
    jest.advanceTimersByTime(2000);
    expect(cancelled).not.toHaveBeenCalled();
  });
});
