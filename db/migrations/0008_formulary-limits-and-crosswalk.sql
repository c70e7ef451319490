CREATE TABLE `drug_dose_limits` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`drug_id` integer NOT NULL,
	`kinds` text NOT NULL,
	`unit` text NOT NULL,
	`usual_dose` text NOT NULL,
	`soft_max` text NOT NULL,
	`hard_max` text,
	`source` text NOT NULL,
	FOREIGN KEY (`drug_id`) REFERENCES `formulary_drugs`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `drug_dose_limits_drug_idx` ON `drug_dose_limits` (`drug_id`);--> statement-breakpoint
ALTER TABLE `administrations` ADD `dose_confirmation_reason` text;--> statement-breakpoint
ALTER TABLE `administrations` ADD `ndc_confirmation_reason` text;--> statement-breakpoint
ALTER TABLE `administrations` ADD `pump` text;--> statement-breakpoint
ALTER TABLE `administrations` ADD `integral_to` text;--> statement-breakpoint
ALTER TABLE `drug_hcpcs_codes` ADD `payment_status` text DEFAULT 'unknown' NOT NULL;--> statement-breakpoint
ALTER TABLE `drug_products` ADD `source` text DEFAULT 'formulary' NOT NULL;--> statement-breakpoint
ALTER TABLE `drug_products` ADD `hcpcs_code` text;--> statement-breakpoint
ALTER TABLE `drug_products` ADD `billable_units_per_package` text;--> statement-breakpoint
ALTER TABLE `drug_products` ADD `labeler_name` text;--> statement-breakpoint
ALTER TABLE `drug_products` ADD `container_type_confirmed` integer DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE `formulary_drugs` ADD `aliases` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `formulary_drugs` ADD `typical_kinds` text DEFAULT '[]' NOT NULL;