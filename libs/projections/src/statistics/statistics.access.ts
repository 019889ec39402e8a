/** Who sees which Jobcenter's figures, and whose figures are shown unsuppressed. */
import { NATIONAL_TENANT, hasAnyRole, type Principal } from '#security';
import { StatisticsForbiddenError } from './statistics.errors.js';

/** The Jobcenter asked for (default: one's own); only the national view (`*`) sees others and their sum. */
export function jobcenterFor(principal: Principal, asked: string | undefined): string {
  const jobcenter = asked ?? principal.tenant;
  if (principal.tenant !== NATIONAL_TENANT && jobcenter !== principal.tenant) {
    throw new StatisticsForbiddenError(principal.tenant, jobcenter);
  }
  return jobcenter;
}

/** Analysts see suppressed figures; caseworkers and team leads see their own Jobcenter's as they are. */
export function suppressesFor(principal: Principal, jobcenter: string): boolean {
  return !(jobcenter === principal.tenant && hasAnyRole(principal, ['caseworker', 'team-lead']));
}

/** Of the Jobcenters whose figures changed, those the principal may be told about. */
export function visibleJobcenters(principal: Principal, changed: Iterable<string>): string[] {
  return principal.tenant === NATIONAL_TENANT
    ? [...changed]
    : [...changed].filter((tenant) => tenant === principal.tenant);
}
