import 'server-only';
import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import type { FormularyDrug } from '@/lib/formulary/define';
import { STARTER_FORMULARY } from '@/lib/formulary/starter-formulary';
import { creationChanges, recordAudit, type ChangeSet } from './audit';
import type { Db, Tx } from './client';
import { auditEvents, drugDoseLimits, drugHcpcsCodes, drugProducts, formularyDrugs } from './schema';

type DoseLimitRow = typeof drugDoseLimits.$inferInsert;

function doseLimitRows(drugId: number, drug: FormularyDrug): DoseLimitRow[] {
  return (drug.doseLimits ?? []).map((l) => ({
    drugId,
    kinds: l.kinds,
    unit: l.unit,
    usualDose: l.usual,
    softMax: l.softMax,
    hardMax: l.hardMax,
    source: l.source,
  }));
}

/**
 * Inserts one starter-formulary drug with everything it carries: aliases,
 * typical kinds, HCPCS codes with their OPPS payment status (absent =
 * 'unknown'), dose limits and products. A product whose NDC-11 is already in
 * the formulary (under another drug) is skipped, since NDC-11 is unique.
 * Returns the new drug id and the NDCs skipped. Call inside a transaction.
 */
export function insertStarterDrug(tx: Tx, drug: FormularyDrug): { id: number; skippedNdcs: string[] } {
  const row = tx
    .insert(formularyDrugs)
    .values({
      key: drug.key,
      genericName: drug.name,
      defaultDoseUnit: drug.defaultDoseUnit,
      usualDose: drug.usualDose,
      strength: drug.strengthText,
      mgPerMeq: drug.mgPerMeq ?? null,
      controlledSchedule: drug.controlledSchedule ?? null,
      chemo: drug.chemo,
      supplyBilling: drug.supplyBilling,
      aliases: drug.aliases,
      typicalKinds: drug.typicalKinds,
    })
    .returning({ id: formularyDrugs.id })
    .get();
  if (drug.hcpcs.length > 0) {
    tx.insert(drugHcpcsCodes)
      .values(
        drug.hcpcs.map((h) => ({
          drugId: row.id,
          code: h.code,
          billingAmount: h.billingAmount ?? null,
          billingUnit: h.billingUnit ?? null,
          descriptorKind: h.descriptor,
          descriptor: h.descriptorText,
          effectiveFrom: h.effectiveFrom,
          effectiveTo: h.effectiveTo ?? null,
          paymentStatus: h.paymentStatus ?? 'unknown',
          note: h.note ?? null,
        })),
      )
      .run();
  }
  const limits = doseLimitRows(row.id, drug);
  if (limits.length > 0) tx.insert(drugDoseLimits).values(limits).run();
  const taken = new Set(
    drug.products.length === 0
      ? []
      : tx
          .select({ ndc11: drugProducts.ndc11 })
          .from(drugProducts)
          .where(inArray(drugProducts.ndc11, drug.products.map((p) => p.ndc11)))
          .all()
          .map((p) => p.ndc11),
  );
  const products = drug.products.filter((p) => !taken.has(p.ndc11));
  if (products.length > 0) {
    tx.insert(drugProducts)
      .values(
        products.map((p) => ({
          drugId: row.id,
          ndc10: p.ndc10,
          ndc11: p.ndc11,
          description: p.description,
          containerType: p.containerType,
          amountPerContainer: p.amountPerContainer,
          amountUnit: p.amountUnit,
          amountPerMl: p.amountPerMl ?? null,
          placeholderNdc: p.placeholderNdc,
        })),
      )
      .run();
  }
  return { id: row.id, skippedNdcs: [...taken] };
}

/** Fields an admin has changed on a drug (from the audit trail): the sync never fills those again. */
function adminEdits(tx: Tx, drugId: number): { fields: Set<string>; codeIds: Set<number> } {
  const fields = new Set<string>();
  const codeIds = new Set<number>();
  const rows = tx
    .select({ event: auditEvents.event, changes: auditEvents.changes })
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.entityType, 'formulary-drug'),
        eq(auditEvents.entityId, String(drugId)),
        isNotNull(auditEvents.actorId),
        inArray(auditEvents.event, ['formulary.drug-updated', 'formulary.dose-limits-changed', 'formulary.code-updated']),
      ),
    )
    .all();
  for (const r of rows) {
    const changes = (typeof r.changes === 'string' ? JSON.parse(r.changes) : r.changes) as ChangeSet;
    for (const key of Object.keys(changes)) fields.add(key);
    const codeId = changes.codeId?.new;
    if (r.event === 'formulary.code-updated' && typeof codeId === 'number') codeIds.add(codeId);
  }
  return { fields, codeIds };
}

export const STARTER_SYNC_REASON = 'Starter formulary filled in at start-up (fields still at their empty defaults)';

/**
 * Brings a database made before migration 0008 up to the starter formulary
 * (lib/formulary/starter-formulary.ts), in one immediate transaction:
 * - a starter drug whose key is not in the database is added whole;
 * - an existing drug gets the starter's aliases and typical kinds only where
 *   its column is still the empty default `[]`, its dose limits only when it
 *   has none, and a HCPCS code's payment status only while it is 'unknown'
 *   (matched by code and first date of service);
 * - nothing an admin changed (an admin's audit event names the field, or the
 *   code) is filled again, even when the admin emptied it.
 * One audit event per drug changed, actor null (system): 'formulary.drug-added'
 * or 'formulary.drug-updated' with old → new values. Idempotent: a second run
 * changes nothing. Returns the keys of the drugs added and updated.
 */
export function syncStarterFormulary(db: Db, now: Date, starter: readonly FormularyDrug[] = STARTER_FORMULARY): { added: string[]; updated: string[] } {
  return db.transaction(
    (tx) => {
      const added: string[] = [];
      const updated: string[] = [];
      const existing = new Map(tx.select().from(formularyDrugs).all().map((d) => [d.key, d]));
      for (const drug of starter) {
        const row = existing.get(drug.key);
        if (!row) {
          const { id, skippedNdcs } = insertStarterDrug(tx, drug);
          recordAudit(tx, {
            event: 'formulary.drug-added',
            actorId: null,
            at: now,
            entityType: 'formulary-drug',
            entityId: id,
            changes: creationChanges({
              key: drug.key,
              genericName: drug.name,
              aliases: drug.aliases,
              typicalKinds: drug.typicalKinds,
              hcpcsCodes: drug.hcpcs.map((h) => `${h.code} ${h.paymentStatus ?? 'unknown'}`),
              doseLimits: drug.doseLimits ?? [],
            }),
            reason: skippedNdcs.length > 0 ? `${STARTER_SYNC_REASON}; products not added, NDC already in the formulary: ${skippedNdcs.join(', ')}` : STARTER_SYNC_REASON,
          });
          added.push(drug.key);
          continue;
        }
        const edits = adminEdits(tx, row.id);
        const changes: ChangeSet = {};
        const set: Partial<typeof formularyDrugs.$inferInsert> = {};
        if (row.aliases.length === 0 && drug.aliases.length > 0 && !edits.fields.has('aliases')) {
          set.aliases = drug.aliases;
          changes.aliases = { old: row.aliases, new: drug.aliases };
        }
        if (row.typicalKinds.length === 0 && drug.typicalKinds.length > 0 && !edits.fields.has('typicalKinds')) {
          set.typicalKinds = drug.typicalKinds;
          changes.typicalKinds = { old: row.typicalKinds, new: drug.typicalKinds };
        }
        if (Object.keys(set).length > 0) tx.update(formularyDrugs).set(set).where(eq(formularyDrugs.id, row.id)).run();

        const limits = doseLimitRows(row.id, drug);
        if (limits.length > 0 && !edits.fields.has('doseLimits')) {
          const has = tx.select({ id: drugDoseLimits.id }).from(drugDoseLimits).where(eq(drugDoseLimits.drugId, row.id)).get();
          if (!has) {
            tx.insert(drugDoseLimits).values(limits).run();
            changes.doseLimits = { old: [], new: drug.doseLimits };
          }
        }

        const codes = tx.select().from(drugHcpcsCodes).where(eq(drugHcpcsCodes.drugId, row.id)).all();
        for (const c of codes) {
          if (c.paymentStatus !== 'unknown' || edits.codeIds.has(c.id)) continue;
          const status = drug.hcpcs.find((h) => h.code === c.code && h.effectiveFrom === c.effectiveFrom)?.paymentStatus;
          if (!status || status === 'unknown') continue;
          tx.update(drugHcpcsCodes).set({ paymentStatus: status }).where(eq(drugHcpcsCodes.id, c.id)).run();
          changes[`paymentStatus ${c.code}`] = { old: c.paymentStatus, new: status };
        }

        if (Object.keys(changes).length > 0) {
          recordAudit(tx, { event: 'formulary.drug-updated', actorId: null, at: now, entityType: 'formulary-drug', entityId: row.id, changes, reason: STARTER_SYNC_REASON });
          updated.push(drug.key);
        }
      }
      return { added, updated };
    },
    { behavior: 'immediate' },
  );
}
