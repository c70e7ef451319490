'use server';
import { revalidatePath } from 'next/cache';
import { addDrug, createFacility, createUser, deactivateDrug, setUserActive, updateFacilitySettings } from '@/db/admin';
import type { ActionResult } from '@/lib/action-result';
import { addDrugSchema, createFacilitySchema, createUserSchema, drugActiveSchema, facilitySettingsSchema, userActiveSchema } from '@/lib/admin-schema';
import { adminAction } from '@/lib/server-action';

function refreshed<T>(result: ActionResult<T>): ActionResult<T> {
  if (result.ok) revalidatePath('/admin');
  return result;
}

export const createUserAction = adminAction(createUserSchema, async (input, { now, user }) => refreshed(await createUser(input, user, now)));
export const setUserActiveAction = adminAction(userActiveSchema, ({ userId, active, reason }, { now, user }) => refreshed(setUserActive(userId, active, reason, user, now)));
export const updateFacilityAction = adminAction(facilitySettingsSchema, (input, { now, user }) => refreshed(updateFacilitySettings(input, user, now)));
export const createFacilityAction = adminAction(createFacilitySchema, (input, { now, user }) => refreshed(createFacility(input, user, now)));
export const addDrugAction = adminAction(addDrugSchema, (input, { now, user }) => refreshed(addDrug(input, user, now)));
export const deactivateDrugAction = adminAction(drugActiveSchema, ({ drugId, reason }, { now, user }) => refreshed(deactivateDrug(drugId, reason, user, now)));
