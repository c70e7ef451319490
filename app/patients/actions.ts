'use server';
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { openEncounter } from '@/db/encounters';
import { registerPatient, searchPatients, type PatientSearchHit } from '@/db/patients';
import { fail } from '@/lib/action-result';
import { facilityScopeOf } from '@/lib/facility-scope';
import { openEncounterSchema, patientSchema } from '@/lib/patient-schema';
import { belongsToFacility } from '@/lib/types';
import { clinicianAction, NOT_FOUND_MESSAGE, signedInAction } from '@/server/action';

/** Registers at the chosen facility, which must be one of hers (404 otherwise, by the boundary's scope). */
export const registerPatientAction = clinicianAction(patientSchema, (input, { now, user }) => registerPatient(input, user.id, now), ({ facilityId }) => ({ facilityId }));

/**
 * Opens an encounter for a patient of her facilities (the boundary's scope)
 * at a facility she belongs to (checked here): another facility's patient or
 * facility answers 404 as if it did not exist, and nothing is written. The
 * encounter may be at another of her facilities than the patient's
 * registering one (the form offers her facilities, the patient's first).
 */
export const openEncounterAction = clinicianAction(
  openEncounterSchema,
  ({ patientId, facilityId }, { now, user }) => {
    if (!belongsToFacility(user, facilityId)) return { ...fail({}, NOT_FOUND_MESSAGE), status: 404 };
    const result = openEncounter(patientId, facilityId, user.id, now);
    if (result.ok) revalidatePath(`/patients/${patientId}`);
    return result;
  },
  ({ patientId }) => ({ patientId }),
);

const search = signedInAction(z.string().max(80), (query, { user }) => ({ ok: true, data: searchPatients(query, facilityScopeOf(user)) }));

/** Patients of her facilities only (an admin's: every facility). */
export async function searchPatientsAction(query: unknown): Promise<PatientSearchHit[]> {
  const result = await search(query);
  return result.ok ? result.data : [];
}
