'use server';
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { openEncounter } from '@/db/encounters';
import { registerPatient, searchPatients, type PatientSearchHit } from '@/db/patients';
import { openEncounterSchema, patientSchema } from '@/lib/patient-schema';
import { clinicianAction, signedInAction } from '@/server/action';

export const registerPatientAction = clinicianAction(patientSchema, (input, { now, user }) => registerPatient(input, user.id, now), ({ facilityId }) => ({ facilityId }));

export const openEncounterAction = clinicianAction(openEncounterSchema, ({ patientId, facilityId }, { now, user }) => {
  const result = openEncounter(patientId, facilityId, user.id, now);
  if (result.ok) revalidatePath(`/patients/${patientId}`);
  return result;
}, ({ patientId }) => ({ patientId }));

const search = signedInAction(z.string().max(80), (query) => ({ ok: true, data: searchPatients(query) }));

export async function searchPatientsAction(query: unknown): Promise<PatientSearchHit[]> {
  const result = await search(query);
  return result.ok ? result.data : [];
}
