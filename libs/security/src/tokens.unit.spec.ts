import { jest } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { SignJWT } from 'jose';
import { AuthenticationError } from './roles.js';
import { CLOCK_SKEW_SECONDS, TokenVerifier, issueToken } from './tokens.js';

const secret = randomBytes(32);
const verifier = () => new TokenVerifier({ kind: 'secret', secret });

describe('token verification with the cache of verified tokens', () => {
  afterEach(() => jest.useRealTimers());

  it('answers a repeated token with the same principal, and refuses it once it expired', async () => {
    jest.useFakeTimers({
      now: new Date('2026-11-25T10:00:00Z'),
      doNotFake: ['nextTick', 'setImmediate'],
    });
    const tokens = verifier();
    const token = await issueToken({
      secret,
      tenant: 'jc-kronach',
      roles: ['caseworker'],
      subject: 'anna',
      expiresInSeconds: 60,
    });
    const first = await tokens.verify(token);
    expect(first).toEqual({ subject: 'anna', tenant: 'jc-kronach', roles: ['caseworker'] });
    expect(await tokens.verify(token)).toBe(first);
    expect(Object.isFrozen(first) && Object.isFrozen(first.roles)).toBe(true);
    jest.setSystemTime(new Date('2026-11-25T10:01:01Z'));
    await expect(tokens.verify(token)).rejects.toThrow(
      new AuthenticationError('the token has expired'),
    );
  });

  it('never caches a refusal: a token signed with another key stays refused', async () => {
    const tokens = verifier();
    const forged = await new SignJWT({ tenant: 'jc-kronach', roles: ['auditor'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('mallory')
      .setExpirationTime('1h')
      .sign(randomBytes(32));
    for (let i = 0; i < 3; i++)
      await expect(tokens.verify(forged)).rejects.toBeInstanceOf(AuthenticationError);
  });
});

describe('token lifetime and issue time', () => {
  const NOW = new Date('2026-11-25T10:00:00Z');
  const nowSeconds = NOW.getTime() / 1000;
  beforeEach(() => jest.useFakeTimers({ now: NOW, doNotFake: ['nextTick', 'setImmediate'] }));
  afterEach(() => jest.useRealTimers());

  /** A token as an identity provider would sign it, with these claims (seconds since 1970). */
  const signed = (times: { iat?: number; exp: number }) => {
    const jwt = new SignJWT({ tenant: 'jc-kronach', roles: ['caseworker'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('anna')
      .setExpirationTime(times.exp);
    return (times.iat === undefined ? jwt : jwt.setIssuedAt(times.iat)).sign(secret);
  };
  const outcome = (tokens: TokenVerifier, token: string) =>
    tokens.verify(token).then(
      () => 'accepted',
      (error: Error) => (error instanceof AuthenticationError ? error.reason : `${error}`),
    );

  it('refuses a token that lives longer than the maximum (12 h by default, or as configured)', async () => {
    const hour = 3600;
    const cases = [
      { iat: nowSeconds, exp: nowSeconds + 12 * hour, expected: 'accepted' },
      { iat: nowSeconds, exp: nowSeconds + 12 * hour + 1, expected: 'lives longer' },
      // Issued long ago and nearly expired: its whole lifetime counts, not what is left of it.
      { iat: nowSeconds - 20 * hour, exp: nowSeconds + 60, expected: 'lives longer' },
      // Without iat, what is left of its life must be within the maximum.
      { exp: nowSeconds + 11 * hour, expected: 'accepted' },
      { exp: nowSeconds + 30 * 24 * hour, expected: 'lives longer' },
    ];
    const results = [];
    for (const { expected: _, ...times } of cases) {
      results.push({ times, result: await outcome(verifier(), await signed(times)) });
    }
    expect(results).toEqual(
      cases.map(({ expected, ...times }) => ({
        times,
        result:
          expected === 'accepted' ? 'accepted' : (expect.stringContaining(expected) as unknown),
      })),
    );

    const shortLived = new TokenVerifier({ kind: 'secret', secret, maxLifetimeSeconds: hour });
    const twoHours = await signed({ iat: nowSeconds, exp: nowSeconds + 2 * hour });
    expect(await outcome(shortLived, twoHours)).toMatch(/lives longer than the 3600 s allowed/);
    expect(await outcome(verifier(), twoHours)).toBe('accepted');
  });

  it('refuses a token issued in the future beyond 60 s of clock skew', async () => {
    const at = (ahead: number) => signed({ iat: nowSeconds + ahead, exp: nowSeconds + 3600 });
    expect(await outcome(verifier(), await at(CLOCK_SKEW_SECONDS))).toBe('accepted');
    expect(await outcome(verifier(), await at(CLOCK_SKEW_SECONDS + 1))).toMatch(
      /issued in the future/,
    );
    expect(await outcome(verifier(), await at(24 * 3600))).toMatch(/issued in the future/);
  });
});
