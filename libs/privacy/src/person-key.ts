/**
 * The pseudonymous person key that links a person's cases for the statistics (issue 16): a keyed
 * hash (HMAC-SHA256) of the normalised name and date of birth, or of an explicit person reference
 * such as the BA customer number. Without the secret the key cannot be recomputed from a name,
 * so the statistics tables, which keep it after erasure, cannot be joined back to a person.
 */
import { createHmac } from 'node:crypto';

export interface PersonIdentity {
  readonly givenName: string;
  readonly familyName: string;
  readonly dateOfBirth: string;
}

/**
 * One spelling per name: Unicode NFKC (composed and compatibility forms alike), whitespace trimmed
 * and collapsed, case folded (German locale: "STRAUSS" and "Strauß" stay different, as a Jobcenter
 * would record them; "MÜLLER" and "müller" are one).
 */
export function normalisedName(name: string): string {
  return name.normalize('NFKC').trim().replace(/\s+/gu, ' ').toLocaleLowerCase('de-DE');
}

export class PersonKeyer {
  constructor(private readonly secret: Buffer) {
    if (secret.length < 32) throw new Error('a person key secret has at least 32 bytes');
  }

  /** base64url of the HMAC: 43 characters, the form the domain accepts. */
  keyOf(identity: PersonIdentity, personReference?: string): string {
    // Domain separation: a reference can never produce the key of a name, nor the other way round.
    const input =
      personReference !== undefined && personReference.trim() !== ''
        ? `reference\u0000${normalisedName(personReference)}`
        : [
            'name',
            normalisedName(identity.givenName),
            normalisedName(identity.familyName),
            identity.dateOfBirth,
          ].join('\u0000');
    return createHmac('sha256', this.secret).update(input, 'utf8').digest('base64url');
  }
}
