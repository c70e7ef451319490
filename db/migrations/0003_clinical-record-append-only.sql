-- A charted dose is a legal record: corrections are new rows (amendments,
-- entered-in-error marks, addenda), never edits or deletions.
CREATE TRIGGER administrations_no_update BEFORE UPDATE ON administrations
BEGIN
  SELECT RAISE(ABORT, 'administrations are append-only: amend or mark entered in error instead');
END;
--> statement-breakpoint
CREATE TRIGGER administrations_no_delete BEFORE DELETE ON administrations
BEGIN
  SELECT RAISE(ABORT, 'administrations are append-only: amend or mark entered in error instead');
END;
--> statement-breakpoint
CREATE TRIGGER administration_voids_no_update BEFORE UPDATE ON administration_voids
BEGIN
  SELECT RAISE(ABORT, 'administration_voids is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER administration_voids_no_delete BEFORE DELETE ON administration_voids
BEGIN
  SELECT RAISE(ABORT, 'administration_voids is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER encounter_addenda_no_update BEFORE UPDATE ON encounter_addenda
BEGIN
  SELECT RAISE(ABORT, 'encounter_addenda is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER encounter_addenda_no_delete BEFORE DELETE ON encounter_addenda
BEGIN
  SELECT RAISE(ABORT, 'encounter_addenda is append-only');
END;
