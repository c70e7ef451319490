CREATE TABLE `coder_queries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`encounter_id` integer NOT NULL,
	`administration_id` integer,
	`question` text NOT NULL,
	`asked_by_id` text NOT NULL,
	`asked_by_name` text NOT NULL,
	`asked_at` integer NOT NULL,
	`answer` text,
	`answered_by_name` text,
	`answered_at` integer,
	`closed_at` integer,
	`status` text DEFAULT 'open' NOT NULL,
	FOREIGN KEY (`encounter_id`) REFERENCES `encounters`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`administration_id`) REFERENCES `administrations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`asked_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `coder_queries_encounter_idx` ON `coder_queries` (`encounter_id`);--> statement-breakpoint
CREATE TABLE `coding_overrides` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`encounter_id` integer NOT NULL,
	`op` text NOT NULL,
	`line_key` text,
	`value` text,
	`reason` text,
	`coder_id` text NOT NULL,
	`coder_name` text NOT NULL,
	`at` integer NOT NULL,
	FOREIGN KEY (`encounter_id`) REFERENCES `encounters`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`coder_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `coding_overrides_encounter_idx` ON `coding_overrides` (`encounter_id`,`id`);--> statement-breakpoint
CREATE TABLE `coding_results` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`encounter_id` integer NOT NULL,
	`engine_version` text NOT NULL,
	`lines` text NOT NULL,
	`coder_id` text NOT NULL,
	`coder_name` text NOT NULL,
	`coder_credentials` text NOT NULL,
	`coded_at` integer NOT NULL,
	FOREIGN KEY (`encounter_id`) REFERENCES `encounters`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`coder_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `coding_results_encounter_idx` ON `coding_results` (`encounter_id`,`id`);--> statement-breakpoint
CREATE INDEX `coding_results_coded_at_idx` ON `coding_results` (`coded_at`);--> statement-breakpoint
ALTER TABLE `encounters` ADD `administration_count` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `encounters` ADD `warning_count` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `encounters` ADD `gap_count` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `encounters` ADD `date_of_service` text;--> statement-breakpoint
CREATE INDEX `encounters_status_facility_opened_idx` ON `encounters` (`status`,`facility_id`,`opened_at`);--> statement-breakpoint
CREATE INDEX `encounters_query_state_idx` ON `encounters` (`query_state`,`opened_at`);