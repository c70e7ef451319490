CREATE TABLE `providers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`credentials` text NOT NULL,
	`npi` text NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `providers_npi_unique` ON `providers` (`npi`);--> statement-breakpoint
CREATE INDEX `providers_name_idx` ON `providers` (`name`);--> statement-breakpoint
ALTER TABLE `administrations` ADD `ordering_provider_id` integer REFERENCES providers(id);--> statement-breakpoint
ALTER TABLE `administrations` ADD `ordering_provider_name` text;--> statement-breakpoint
ALTER TABLE `administrations` ADD `order_type` text;--> statement-breakpoint
ALTER TABLE `administrations` ADD `witness_id` text REFERENCES users(id);--> statement-breakpoint
ALTER TABLE `administrations` ADD `witness_name` text;--> statement-breakpoint
ALTER TABLE `administrations` ADD `witness_credentials` text;--> statement-breakpoint
ALTER TABLE `administrations` ADD `witnessed_at` integer;--> statement-breakpoint
ALTER TABLE `administrations` ADD `expired_product_reason` text;--> statement-breakpoint
ALTER TABLE `administrations` ADD `idempotency_key` text;--> statement-breakpoint
CREATE UNIQUE INDEX `administrations_idempotency_uq` ON `administrations` (`encounter_id`,`idempotency_key`);--> statement-breakpoint
ALTER TABLE `formulary_drugs` ADD `controlled_schedule` text;--> statement-breakpoint
-- DEA schedules of the starter formulary's controlled substances (21 CFR 1308.12–1308.14).
UPDATE `formulary_drugs` SET `controlled_schedule` = 'II' WHERE `key` IN ('morphine', 'hydromorphone', 'fentanyl');
--> statement-breakpoint
UPDATE `formulary_drugs` SET `controlled_schedule` = 'III' WHERE `key` = 'ketamine';
--> statement-breakpoint
UPDATE `formulary_drugs` SET `controlled_schedule` = 'IV' WHERE `key` IN ('lorazepam', 'midazolam', 'diazepam');
