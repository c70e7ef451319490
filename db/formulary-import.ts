import 'server-only';
import { createHash } from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import { fail, type ActionResult } from '@/lib/action-result';
import { parseCrosswalk, previewCrosswalk, type CrosswalkPreview, type CrosswalkState } from '@/lib/formulary/crosswalk';
import type { SessionUser } from '@/lib/types';
import { creationChanges, recordAudit, type ChangeSet } from './audit';
import { getDb, type Db, type Tx } from './client';
import { drugHcpcsCodes, drugProducts, formularyDrugs } from './schema';

const IMMEDIATE = { behavior: 'immediate' } as const;

/** Told to the admin when the formulary (or the file) is not what the preview was made from. */
export const STALE_PREVIEW_MESSAGE = 'Nothing was imported: the formulary changed since the preview (or this is not the previewed file). Preview the file again and check it before confirming.';

/** The formulary as the crosswalk import compares it: codes of active drugs, and every product. */
function readState(db: Db | Tx): CrosswalkState {
  const codes = db
    .select({ code: drugHcpcsCodes.code, drugId: drugHcpcsCodes.drugId, drugName: formularyDrugs.genericName })
    .from(drugHcpcsCodes)
    .innerJoin(formularyDrugs, eq(formularyDrugs.id, drugHcpcsCodes.drugId))
    .where(eq(formularyDrugs.active, true))
    .orderBy(asc(drugHcpcsCodes.id))
    .all();
  const products = db
    .select({
      id: drugProducts.id,
      drugId: drugProducts.drugId,
      ndc11: drugProducts.ndc11,
      containerType: drugProducts.containerType,
      hcpcsCode: drugProducts.hcpcsCode,
      billableUnitsPerPackage: drugProducts.billableUnitsPerPackage,
      labelerName: drugProducts.labelerName,
    })
    .from(drugProducts)
    .orderBy(asc(drugProducts.id))
    .all();
  return { codes, products };
}

/**
 * Fingerprint of a preview: SHA-256 (hex) over the formulary state it was
 * compared with and the file's text. The apply recomputes it in its
 * transaction; a different value means the preview the admin saw is stale.
 */
function previewToken(state: CrosswalkState, text: string): string {
  return createHash('sha256').update(JSON.stringify(state)).update('\n').update(text).digest('hex');
}

export interface CrosswalkPreviewResult {
  preview: CrosswalkPreview;
  /** Sent back with the confirmation (applyCrosswalkImport). */
  token: string;
}

/** Reads the file's text (decoded) against the current formulary: what an import would write. Writes nothing. */
export function previewCrosswalkImport(text: string): CrosswalkPreviewResult {
  const state = readState(getDb());
  return { preview: previewCrosswalk(parseCrosswalk(text), state), token: previewToken(state, text) };
}

export interface CrosswalkApplied {
  added: number;
  updated: number;
  moved: number;
}

/**
 * Writes a previewed crosswalk import in one IMMEDIATE transaction: new
 * products (source 'cms-crosswalk', HCPCS code, billable units per package,
 * labeler, 11- and 10-digit NDC, not a placeholder, container type
 * unconfirmed) and the changed code / units / labeler / drug of known ones,
 * each row with its own audit event. First it re-reads the formulary: if that
 * or the file differs from the preview (`token`), nothing is written and the
 * admin is asked to preview again (status 409). A file with a malformed row
 * writes nothing.
 */
export function applyCrosswalkImport(text: string, token: string, admin: SessionUser, now: Date): ActionResult<CrosswalkApplied> {
  // Parsing a real file takes a moment: done before the write lock is taken.
  const parsed = parseCrosswalk(text);
  return getDb().transaction((tx): ActionResult<CrosswalkApplied> => {
    const state = readState(tx);
    if (previewToken(state, text) !== token) return { ...fail({}, STALE_PREVIEW_MESSAGE), status: 409 };
    const preview = previewCrosswalk(parsed, state);
    if (preview.fileError || preview.errors.length > 0) {
      return fail({ file: 'The file has malformed rows' }, 'Nothing was imported: fix the malformed rows in the file and upload it again');
    }
    for (const p of preview.newProducts) {
      const row = {
        drugId: p.drugId,
        ndc10: p.ndc10,
        ndc11: p.ndc11,
        description: p.description,
        containerType: p.containerType,
        amountPerContainer: p.amountPerContainer,
        amountUnit: p.amountUnit,
        amountPerMl: null,
        placeholderNdc: false,
        source: 'cms-crosswalk' as const,
        hcpcsCode: p.code,
        billableUnitsPerPackage: p.billableUnitsPerPackage,
        labelerName: p.labelerName,
        containerTypeConfirmed: false,
      };
      const { id } = tx.insert(drugProducts).values(row).returning({ id: drugProducts.id }).get();
      recordAudit(tx, {
        event: 'formulary.product-imported',
        actorId: admin.id,
        at: now,
        entityType: 'drug-product',
        entityId: id,
        changes: creationChanges(row),
        reason: `CMS ASP NDC–HCPCS crosswalk, line ${p.line}`,
      });
    }
    let moved = 0;
    for (const u of preview.updates) {
      const changes: ChangeSet = {};
      const set: Partial<typeof drugProducts.$inferInsert> = {};
      if (u.codeChange) {
        set.hcpcsCode = u.codeChange.new;
        changes.hcpcsCode = u.codeChange;
      }
      if (u.move) {
        set.drugId = u.move.newDrugId;
        changes.drugId = { old: u.drugId, new: u.move.newDrugId };
        moved += 1;
      }
      if (u.unitsChange) {
        set.billableUnitsPerPackage = u.unitsChange.new;
        changes.billableUnitsPerPackage = u.unitsChange;
      }
      if (u.labelerChange) {
        set.labelerName = u.labelerChange.new;
        changes.labelerName = u.labelerChange;
      }
      tx.update(drugProducts).set(set).where(eq(drugProducts.id, u.productId)).run();
      recordAudit(tx, {
        event: u.codeChange ? 'formulary.product-code-changed' : 'formulary.product-billing-units-changed',
        actorId: admin.id,
        at: now,
        entityType: 'drug-product',
        entityId: u.productId,
        changes: { ndc11: { old: u.ndc11, new: u.ndc11 }, ...changes },
        reason: `CMS ASP NDC–HCPCS crosswalk, line ${u.line}${u.move ? `: moved from ${u.drugName} to ${u.move.newDrugName}, confirmed with the preview` : ''}`,
      });
    }
    return { ok: true, data: { added: preview.newProducts.length, updated: preview.updates.length, moved } };
  }, IMMEDIATE);
}
