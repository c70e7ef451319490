'use server';
import { revalidatePath } from 'next/cache';
import {
  addDrug,
  addHcpcsCode,
  createFacility,
  createUser,
  deactivateDrug,
  endHcpcsCode,
  setUserActive,
  updateFacilitySettings,
  updateUser,
} from '@/db/admin';
import type { ActionResult } from '@/lib/action-result';
import {
  addCodeSchema,
  addDrugSchema,
  createFacilitySchema,
  createUserSchema,
  drugActiveSchema,
  endCodeSchema,
  facilitySettingsSchema,
  updateUserSchema,
  userActiveSchema,
} from '@/lib/admin-schema';
import { adminAction } from '@/server/action';

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
