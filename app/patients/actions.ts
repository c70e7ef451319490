'use server';
import { revalidatePath } from 'next/cache';
import { openEncounter } from '@/db/encounters';
import { registerPatient, searchPatients, type PatientSearchHit } from '@/db/patients';
import { openEncounterSchema, patientSchema } from '@/lib/patient-schema';
import { action } from '@/lib/server-action';
import { z } from 'zod';

export const registerPatientAction = action(patientSchema, (input, { now }) => registerPatient(input, null, now));

export const openEncounterAction = action(openEncounterSchema, ({ patientId, facilityId }, { now }) => {
  const result = openEncounter(patientId, facilityId, null, now);
  if (result.ok) revalidatePath(`/patients/${patientId}`);
  return result;
});

const searchSchema = z.string().max(80);

export async function searchPatientsAction(query: unknown): Promise<PatientSearchHit[]> {
  const parsed = searchSchema.safeParse(query);
  return parsed.success ? searchPatients(parsed.data) : [];
}
