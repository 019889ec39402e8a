/** Roles named in API.md; a token carries one or more. */
export const ROLES = ['caseworker', 'team-lead', 'planner', 'analyst', 'auditor', 'dpo'] as const;
export type Role = (typeof ROLES)[number];

/** The national view: analysts of the Federal Agency or a regional directorate see every Jobcenter, aggregated. */
export const NATIONAL_TENANT = '*';

/** Jobcenter ids such as `jc-kronach`. */
export const TENANT_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}$/;

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** Who is calling, taken only from a verified token. */
export interface Principal {
  /** The token's subject (a user id of the identity provider). */
  readonly subject: string;
  /** The Jobcenter the caller works for, or `*` for the national (aggregates-only) view. */
  readonly tenant: string;
  readonly roles: readonly Role[];
}

export function hasAnyRole(principal: Principal, roles: readonly Role[]): boolean {
  return principal.roles.some((role) => roles.includes(role));
}

/** A token that is missing, malformed, badly signed, expired or claims what it may not. */
export class AuthenticationError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'AuthenticationError';
  }
}

/** Checks the claims teilhabe relies on; returns the principal or throws {@link AuthenticationError}. */
export function principalFromClaims(claims: Record<string, unknown>): Principal {
  const { sub, tenant, roles } = claims;
  if (typeof sub !== 'string' || sub.length === 0 || sub.length > 200) {
    throw new AuthenticationError('the token has no subject (sub)');
  }
  if (typeof tenant !== 'string' || !(tenant === NATIONAL_TENANT || TENANT_PATTERN.test(tenant))) {
    throw new AuthenticationError('the token has no valid tenant claim');
  }
  if (!Array.isArray(roles) || roles.length === 0 || !roles.every(isRole)) {
    throw new AuthenticationError(
      `the token's roles claim must list roles of: ${ROLES.join(', ')}`,
    );
  }
  if (tenant === NATIONAL_TENANT && roles.some((role) => role !== 'analyst')) {
    throw new AuthenticationError('the national tenant * is for analysts only');
  }
  return { subject: sub, tenant, roles: [...new Set(roles)] };
}
