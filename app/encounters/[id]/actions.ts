'use server';
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { chartAdministration } from '@/db/administrations';
import { closeEncounter } from '@/db/encounters';
import { administrationSchema } from '@/lib/administration-schema';
import { action } from '@/lib/server-action';

export const chartAdministrationAction = action(administrationSchema, (input, { now }) => {
  const result = chartAdministration(input, null, now);
  if (result.ok) revalidatePath(`/encounters/${input.encounterId}`);
  return result;
});

export const closeEncounterAction = action(z.object({ encounterId: z.coerce.number().int().positive() }), ({ encounterId }, { now }) => {
  const result = closeEncounter(encounterId, null, now);
  if (result.ok) revalidatePath(`/encounters/${encounterId}`);
  return result;
});
