import 'server-only';
import { asc, eq } from 'drizzle-orm';
import type { DoseLimit } from '@/lib/formulary/define';
import type { FormularyEntry } from '@/lib/types';
import { getDb } from './client';
import { preparedOnce } from './prepared';
import { drugDoseLimits, drugHcpcsCodes, drugProducts, formularyDrugs, formularyRevision, users } from './schema';

/** The formulary's four reads (read on every encounter page and every charting), prepared once per connection. */
const formularyStatements = preparedOnce((db) => ({
  drugs: db.select().from(formularyDrugs).where(eq(formularyDrugs.active, true)).orderBy(asc(formularyDrugs.genericName)).prepare(),
  codes: db.select().from(drugHcpcsCodes).orderBy(asc(drugHcpcsCodes.id)).prepare(),
  products: db.select().from(drugProducts).orderBy(asc(drugProducts.id)).prepare(),
  limits: db.select().from(drugDoseLimits).orderBy(asc(drugDoseLimits.id)).prepare(),
  revision: db.select({ value: formularyRevision.value }).from(formularyRevision).where(eq(formularyRevision.id, 1)).prepare(),
}));

/** The formulary last read on a connection, with the revision it was read at. */
const cachedFormulary = new WeakMap<object, { revision: number; formulary: readonly FormularyEntry[] }>();

/**
 * The active formulary in the engine's shape (FormularyEntry: HCPCS by date
 * with their OPPS payment status, products, aliases, typical kinds most usual
 * first, per-kind dose limits), from the database, ordered by generic name.
 * A drug without dose limits has `doseLimits` absent (no plausibility check);
 * a fluid code billed per volume keeps `billingUnit: 'mL'`.
 *
 * Read once per formulary revision and shared (deeply frozen: a caller that
 * writes to it throws): every page, charting and queue summary used to read
 * and map the four tables again, a tenth of a charting's CPU (issue 16
 * profile). The revision row changes in the same transaction as any change
 * to those tables (triggers of migration 0010), so a change by this or
 * another process is read on the next call; inside an open transaction the
 * tables are read afresh and nothing is cached (a rollback must not leave a
 * formulary that was never committed).
 */
export function loadFormulary(): readonly FormularyEntry[] {
  const statements = formularyStatements();
  const db = getDb();
  const revision = statements.revision.get()?.value ?? -1;
  const cached = cachedFormulary.get(db);
  if (cached && cached.revision === revision) return cached.formulary;
  const formulary = deepFreeze(readFormulary(statements));
  if (!db.$client.inTransaction) cachedFormulary.set(db, { revision, formulary });
  return formulary;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

function readFormulary(statements: ReturnType<typeof formularyStatements>): FormularyEntry[] {
  const drugs = statements.drugs.all();
  const codes = statements.codes.all();
  const products = statements.products.all();
  const limits = statements.limits.all();
  const byDrug = <T extends { drugId: number }>(rows: T[]): Map<number, T[]> => {
    const map = new Map<number, T[]>();
    for (const r of rows) map.set(r.drugId, [...(map.get(r.drugId) ?? []), r]);
    return map;
  };
  const codesOf = byDrug(codes);
  const productsOf = byDrug(products);
  const limitsOf = byDrug(limits);
  return drugs.map((d) => {
    const doseLimits = (limitsOf.get(d.id) ?? []).map(
      (l): DoseLimit => ({ kinds: l.kinds, unit: l.unit, usual: l.usualDose, softMax: l.softMax, hardMax: l.hardMax, source: l.source }),
    );
    return {
      id: d.id,
      key: d.key,
      name: d.genericName,
      aliases: d.aliases,
      chemo: d.chemo,
      defaultDoseUnit: d.defaultDoseUnit,
      usualDose: d.usualDose ?? '',
      strengthText: d.strength ?? '',
      typicalKinds: d.typicalKinds,
      supplyBilling: d.supplyBilling,
      ...(d.mgPerMeq ? { mgPerMeq: d.mgPerMeq } : {}),
      ...(d.controlledSchedule ? { controlledSchedule: d.controlledSchedule } : {}),
      ...(doseLimits.length > 0 ? { doseLimits } : {}),
      hcpcs: (codesOf.get(d.id) ?? []).map((c) => ({
        code: c.code,
        billingAmount: c.billingAmount,
        billingUnit: c.billingUnit,
        descriptor: c.descriptorKind,
        descriptorText: c.descriptor,
        effectiveFrom: c.effectiveFrom,
        effectiveTo: c.effectiveTo,
        paymentStatus: c.paymentStatus,
        ...(c.note ? { note: c.note } : {}),
      })),
      products: (productsOf.get(d.id) ?? []).map((p) => ({
        ndc10: p.ndc10,
        ndc11: p.ndc11,
        description: p.description,
        containerType: p.containerType,
        amountPerContainer: p.amountPerContainer,
        amountUnit: p.amountUnit,
        ...(p.amountPerMl ? { amountPerMl: p.amountPerMl } : {}),
        placeholderNdc: p.placeholderNdc,
      })),
    };
  });
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
