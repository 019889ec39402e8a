import { jest } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { SignJWT } from 'jose';
import { AuthenticationError } from './roles.js';
import { TokenVerifier, issueToken } from './tokens.js';

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
