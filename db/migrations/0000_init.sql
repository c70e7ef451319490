CREATE TABLE `administrations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`encounter_id` integer NOT NULL,
	`drug_id` integer NOT NULL,
	`dose_value` text NOT NULL,
	`dose_unit` text NOT NULL,
	`kind` text NOT NULL,
	`start_at` integer NOT NULL,
	`stop_at` integer,
	`stop_missing_reason` text,
	`site` text NOT NULL,
	`rationale` text NOT NULL,
	`performer_id` text NOT NULL,
	`performer_name` text NOT NULL,
	`performer_credentials` text NOT NULL,
	`charted_at` integer NOT NULL,
	`late_entry_reason` text,
	`ndc` text,
	`lot` text,
	`expiry` text,
	`wasted_value` text,
	`wasted_unit` text,
	`status` text DEFAULT 'active' NOT NULL,
	`amends_id` integer,
	`correction_reason` text,
	FOREIGN KEY (`encounter_id`) REFERENCES `encounters`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`drug_id`) REFERENCES `formulary_drugs`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`performer_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`amends_id`) REFERENCES `administrations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `administrations_encounter_start_idx` ON `administrations` (`encounter_id`,`start_at`);--> statement-breakpoint
CREATE INDEX `administrations_amends_idx` ON `administrations` (`amends_id`);--> statement-breakpoint
CREATE TABLE `audit_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`event` text NOT NULL,
	`actor_id` text,
	`at` integer NOT NULL,
	`entity_type` text NOT NULL,
	`entity_id` text NOT NULL,
	`encounter_id` integer,
	`changes` text NOT NULL,
	`reason` text
);
--> statement-breakpoint
CREATE INDEX `audit_events_entity_idx` ON `audit_events` (`entity_type`,`entity_id`);--> statement-breakpoint
CREATE INDEX `audit_events_encounter_idx` ON `audit_events` (`encounter_id`,`at`);--> statement-breakpoint
CREATE TABLE `drug_hcpcs_codes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`drug_id` integer NOT NULL,
	`code` text NOT NULL,
	`billing_amount` text,
	`billing_unit` text,
	`descriptor_kind` text NOT NULL,
	`descriptor` text NOT NULL,
	`effective_from` text,
	`effective_to` text,
	`note` text,
	FOREIGN KEY (`drug_id`) REFERENCES `formulary_drugs`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `drug_hcpcs_drug_idx` ON `drug_hcpcs_codes` (`drug_id`,`effective_from`);--> statement-breakpoint
CREATE TABLE `drug_products` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`drug_id` integer NOT NULL,
	`ndc10` text NOT NULL,
	`ndc11` text NOT NULL,
	`description` text NOT NULL,
	`container_type` text NOT NULL,
	`amount_per_container` text NOT NULL,
	`amount_unit` text NOT NULL,
	`amount_per_ml` text,
	`placeholder_ndc` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`drug_id`) REFERENCES `formulary_drugs`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `drug_products_ndc11_unique` ON `drug_products` (`ndc11`);--> statement-breakpoint
CREATE INDEX `drug_products_drug_idx` ON `drug_products` (`drug_id`);--> statement-breakpoint
CREATE TABLE `encounters` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`patient_id` integer NOT NULL,
	`facility_id` integer NOT NULL,
	`setting` text NOT NULL,
	`opened_at` integer NOT NULL,
	`closed_at` integer,
	`status` text DEFAULT 'open' NOT NULL,
	`query_state` text DEFAULT 'none' NOT NULL,
	`signed_by_id` text,
	`signed_at` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`patient_id`) REFERENCES `patients`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`facility_id`) REFERENCES `facilities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`signed_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `encounters_status_opened_idx` ON `encounters` (`status`,`opened_at`);--> statement-breakpoint
CREATE INDEX `encounters_patient_idx` ON `encounters` (`patient_id`);--> statement-breakpoint
CREATE INDEX `encounters_facility_opened_idx` ON `encounters` (`facility_id`,`opened_at`);--> statement-breakpoint
CREATE TABLE `facilities` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`time_zone` text NOT NULL,
	`setting` text NOT NULL,
	`late_entry_threshold_minutes` integer DEFAULT 60 NOT NULL,
	`jw_jz_policy` text DEFAULT 'apply' NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `formulary_drugs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`key` text NOT NULL,
	`generic_name` text NOT NULL,
	`default_dose_unit` text NOT NULL,
	`usual_dose` text,
	`strength` text,
	`chemo` integer DEFAULT false NOT NULL,
	`mg_per_meq` text,
	`supply_billing` integer DEFAULT true NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `formulary_drugs_key_unique` ON `formulary_drugs` (`key`);--> statement-breakpoint
CREATE TABLE `patients` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`facility_id` integer NOT NULL,
	`mrn` text NOT NULL,
	`family_name` text NOT NULL,
	`given_name` text NOT NULL,
	`birth_date` text NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`facility_id`) REFERENCES `facilities`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `patients_facility_mrn_uq` ON `patients` (`facility_id`,`mrn`);--> statement-breakpoint
CREATE INDEX `patients_family_name_idx` ON `patients` (`family_name`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`email` text NOT NULL,
	`email_verified` integer DEFAULT false NOT NULL,
	`image` text,
	`credentials` text NOT NULL,
	`role` text NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_unique` ON `users` (`email`);