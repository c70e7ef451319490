'use server';
import { revalidatePath } from 'next/cache';
import {
  addDrug,
  addHcpcsCode,
  createFacility,
  createUser,
  deactivateDrug,
  endHcpcsCode,
  setCodePaymentStatus,
  setDoseLimits,
  updateDrugNames,
  setUserActive,
  updateFacilitySettings,
  updateUser,
} from '@/db/admin';
import type { ActionResult } from '@/lib/action-result';
import {
  addCodeSchema,
  addDrugSchema,
  codePaymentStatusSchema,
  doseLimitsSchema,
  drugNamesSchema,
  createFacilitySchema,
  createUserSchema,
  drugActiveSchema,
  endCodeSchema,
  facilitySettingsSchema,
  updateUserSchema,
  userActiveSchema,
  createProviderSchema,
  updateProviderSchema,
  providerActiveSchema,
} from '@/lib/admin-schema';
import { adminAction } from '@/server/action';
import { clearSignInLockout } from '@/db/auth-events';
import { createProvider, setProviderActive, updateProvider } from '@/db/providers';
import { fail } from '@/lib/action-result';
import { clearLockoutSchema } from '@/lib/sign-in-schema';
import { SIGN_IN_LIMITS } from '@/server/auth';

/** Every admin page (and the pickers fed by users, facilities and the formulary) reads fresh data after a change. */
function refreshed<T>(result: ActionResult<T>): ActionResult<T> {
  if (result.ok) revalidatePath('/', 'layout');
  return result;
}

export const createUserAction = adminAction(createUserSchema, async (input, { now, user }) => refreshed(await createUser(input, user, now)));

export const updateUserAction = adminAction(updateUserSchema, (input, { now, user }) => refreshed(updateUser(input, user, now)));

export const setUserActiveAction = adminAction(userActiveSchema, ({ userId, active, reason }, { now, user }) =>
  refreshed(setUserActive(userId, active, reason, user, now)),
);

export const updateFacilityAction = adminAction(facilitySettingsSchema, (input, { now, user }) => refreshed(updateFacilitySettings(input, user, now)));

export const createFacilityAction = adminAction(createFacilitySchema, (input, { now, user }) => refreshed(createFacility(input, user, now)));

export const addDrugAction = adminAction(addDrugSchema, (input, { now, user }) => refreshed(addDrug(input, user, now)));

export const addCodeAction = adminAction(addCodeSchema, (input, { now, user }) => refreshed(addHcpcsCode(input, user, now)));

export const endCodeAction = adminAction(endCodeSchema, (input, { now, user }) => refreshed(endHcpcsCode(input, user, now)));

export const deactivateDrugAction = adminAction(drugActiveSchema, ({ drugId, reason }, { now, user }) => refreshed(deactivateDrug(drugId, reason, user, now)));

/** A drug's brand names/synonyms and typical kinds (issue 13 item 6): the bedside search and kind follow at once. */
export const updateDrugNamesAction = adminAction(drugNamesSchema, (input, { now, user }) => refreshed(updateDrugNames(input, user, now)));

/** A drug's dose limits per kind (usual ≤ soft maximum ≤ hard maximum, with their source). */
export const setDoseLimitsAction = adminAction(doseLimitsSchema, (input, { now, user }) => refreshed(setDoseLimits(input, user, now)));

/** A HCPCS code's OPPS payment status. */
export const setCodePaymentStatusAction = adminAction(codePaymentStatusSchema, (input, { now, user }) => refreshed(setCodePaymentStatus(input, user, now)));

/** Ordering providers (issue 12 item 5): the bedside picker reads the active ones. */
export const createProviderAction = adminAction(createProviderSchema, (input, { now, user }) => refreshed(createProvider(input, user, now)));

export const updateProviderAction = adminAction(updateProviderSchema, (input, { now, user }) => refreshed(updateProvider(input, user, now)));

export const setProviderActiveAction = adminAction(providerActiveSchema, ({ providerId, active, reason }, { now, user }) =>
  refreshed(setProviderActive(providerId, active, reason, user, now)),
);

/**
 * Clears one account's sign-in lockout (the per-account limit of
 * server/auth.ts) with a reason: audited as 'auth.lockout-cleared'; failures
 * before now stop counting. Refused when the account is not locked out.
 */
export const clearSignInLockoutAction = adminAction(clearLockoutSchema, ({ email, reason }, { now, user }): ActionResult<null> => {
  if (!clearSignInLockout(email, user.id, reason, now, SIGN_IN_LIMITS)) return fail({ email: 'This account is not locked out' }, 'Nothing cleared: this account is not locked out');
  revalidatePath('/admin/users');
  return { ok: true, data: null };
});
