CREATE TABLE `formulary_revision` (
	`id` integer PRIMARY KEY NOT NULL,
	`value` integer NOT NULL
);
--> statement-breakpoint
-- One row: readers cache the formulary by its value (db/formulary.ts loadFormulary).
INSERT INTO `formulary_revision` (`id`, `value`) VALUES (1, 0);
--> statement-breakpoint
-- Every change to the formulary's tables changes the revision, in the same transaction.
CREATE TRIGGER formulary_drugs_insert_bumps_revision AFTER INSERT ON formulary_drugs
BEGIN
  UPDATE formulary_revision SET value = value + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER formulary_drugs_update_bumps_revision AFTER UPDATE ON formulary_drugs
BEGIN
  UPDATE formulary_revision SET value = value + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER formulary_drugs_delete_bumps_revision AFTER DELETE ON formulary_drugs
BEGIN
  UPDATE formulary_revision SET value = value + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER drug_dose_limits_insert_bumps_revision AFTER INSERT ON drug_dose_limits
BEGIN
  UPDATE formulary_revision SET value = value + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER drug_dose_limits_update_bumps_revision AFTER UPDATE ON drug_dose_limits
BEGIN
  UPDATE formulary_revision SET value = value + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER drug_dose_limits_delete_bumps_revision AFTER DELETE ON drug_dose_limits
BEGIN
  UPDATE formulary_revision SET value = value + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER drug_hcpcs_codes_insert_bumps_revision AFTER INSERT ON drug_hcpcs_codes
BEGIN
  UPDATE formulary_revision SET value = value + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER drug_hcpcs_codes_update_bumps_revision AFTER UPDATE ON drug_hcpcs_codes
BEGIN
  UPDATE formulary_revision SET value = value + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER drug_hcpcs_codes_delete_bumps_revision AFTER DELETE ON drug_hcpcs_codes
BEGIN
  UPDATE formulary_revision SET value = value + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER drug_products_insert_bumps_revision AFTER INSERT ON drug_products
BEGIN
  UPDATE formulary_revision SET value = value + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER drug_products_update_bumps_revision AFTER UPDATE ON drug_products
BEGIN
  UPDATE formulary_revision SET value = value + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER drug_products_delete_bumps_revision AFTER DELETE ON drug_products
BEGIN
  UPDATE formulary_revision SET value = value + 1 WHERE id = 1;
END;
