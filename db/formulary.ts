import 'server-only';
import { asc, eq } from 'drizzle-orm';
import type { FormularyEntry } from '@/lib/types';
import { getDb } from './client';
import { drugHcpcsCodes, drugProducts, formularyDrugs, users } from './schema';

/** The active formulary in the engine's shape (HCPCS by date, products), from the database. */
export function loadFormulary(): FormularyEntry[] {
  const db = getDb();
  const drugs = db.select().from(formularyDrugs).where(eq(formularyDrugs.active, true)).orderBy(asc(formularyDrugs.genericName)).all();
  const codes = db.select().from(drugHcpcsCodes).all();
  const products = db.select().from(drugProducts).all();
  return drugs.map((d) => ({
    id: d.id,
    key: d.key,
    name: d.genericName,
    aliases: [],
    chemo: d.chemo,
    defaultDoseUnit: d.defaultDoseUnit,
    usualDose: d.usualDose ?? '',
    strengthText: d.strength ?? '',
    typicalKinds: [],
    supplyBilling: d.supplyBilling,
    ...(d.mgPerMeq ? { mgPerMeq: d.mgPerMeq } : {}),
    ...(d.controlledSchedule ? { controlledSchedule: d.controlledSchedule } : {}),
    hcpcs: codes
      .filter((c) => c.drugId === d.id)
      .map((c) => ({
        code: c.code,
        billingAmount: c.billingAmount,
        billingUnit: c.billingUnit === 'mL' ? null : c.billingUnit,
        descriptor: c.descriptorKind,
        descriptorText: c.descriptor,
        effectiveFrom: c.effectiveFrom,
        effectiveTo: c.effectiveTo,
        ...(c.note ? { note: c.note } : {}),
      })),
    products: products
      .filter((p) => p.drugId === d.id)
      .map((p) => ({
        ndc10: p.ndc10,
        ndc11: p.ndc11,
        description: p.description,
        containerType: p.containerType,
        amountPerContainer: p.amountPerContainer,
        amountUnit: p.amountUnit,
        ...(p.amountPerMl ? { amountPerMl: p.amountPerMl } : {}),
        placeholderNdc: p.placeholderNdc,
      })),
  }));
}

export interface Clinician {
  id: string;
  name: string;
  credentials: string;
}

export function listClinicians(): Clinician[] {
  return getDb()
    .select({ id: users.id, name: users.name, credentials: users.credentials })
    .from(users)
    .where(eq(users.role, 'nurse'))
    .orderBy(asc(users.name))
    .all();
}
