import type { SessionUser } from './types';

/**
 * The facilities whose patients and encounters a user may see and work on:
 * 'all' for an admin (who manages every facility), otherwise the facilities
 * the user belongs to (possibly none). Lists and searches in db/ take it.
 */
export type FacilityScope = 'all' | readonly number[];

export function facilityScopeOf(user: Pick<SessionUser, 'role' | 'facilityIds'>): FacilityScope {
  return user.role === 'admin' ? 'all' : user.facilityIds;
}

/** Whether the scope lets nothing through (a clinician or coder with no facility yet). */
export function isEmptyScope(scope: FacilityScope): boolean {
  return scope !== 'all' && scope.length === 0;
}

/** What a clinician or coder with no facility reads instead of a list. */
export const NO_FACILITY_MESSAGE = 'You do not belong to any facility yet, so there is nothing to show: ask an admin to add you to your facilities.';
