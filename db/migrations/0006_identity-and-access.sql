CREATE TABLE `auth_attempts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` integer NOT NULL,
	`kind` text NOT NULL,
	`email` text NOT NULL,
	`user_id` text,
	`client` text NOT NULL,
	`outcome` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `auth_attempts_email_idx` ON `auth_attempts` (`kind`,`email`,`at`);--> statement-breakpoint
CREATE INDEX `auth_attempts_client_idx` ON `auth_attempts` (`kind`,`client`,`at`);--> statement-breakpoint
CREATE TABLE `user_facilities` (
	`user_id` text NOT NULL,
	`facility_id` integer NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	PRIMARY KEY(`user_id`, `facility_id`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`facility_id`) REFERENCES `facilities`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `user_facilities_facility_idx` ON `user_facilities` (`facility_id`);--> statement-breakpoint
ALTER TABLE `audit_events` ADD `prev_hash` text;--> statement-breakpoint
ALTER TABLE `audit_events` ADD `hash` text;--> statement-breakpoint
ALTER TABLE `encounters` ADD `signed_by_name` text;--> statement-breakpoint
ALTER TABLE `encounters` ADD `signed_by_credentials` text;--> statement-breakpoint
-- Signatures made before this migration: the best snapshot left is today's name.
UPDATE `encounters` SET
  `signed_by_name` = (SELECT `name` FROM `users` WHERE `users`.`id` = `encounters`.`signed_by_id`),
  `signed_by_credentials` = (SELECT `credentials` FROM `users` WHERE `users`.`id` = `encounters`.`signed_by_id`)
WHERE `signed_by_id` IS NOT NULL;
--> statement-breakpoint
-- An existing database keeps working: every clinician and coder belongs to every
-- facility that exists now; admins then narrow it. A new database gets the seed's.
INSERT INTO `user_facilities` (`user_id`, `facility_id`)
SELECT `users`.`id`, `facilities`.`id` FROM `users`, `facilities` WHERE `users`.`role` <> 'admin';
--> statement-breakpoint
-- Still append-only; the one write allowed is chaining a row written before this
-- migration (hash and prev_hash from NULL to a value, nothing else changed).
DROP TRIGGER `audit_events_no_update`;
--> statement-breakpoint
CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
WHEN NOT (
  OLD.hash IS NULL AND OLD.prev_hash IS NULL AND NEW.hash IS NOT NULL
  AND NEW.id IS OLD.id AND NEW.event IS OLD.event AND NEW.actor_id IS OLD.actor_id AND NEW.at IS OLD.at
  AND NEW.entity_type IS OLD.entity_type AND NEW.entity_id IS OLD.entity_id AND NEW.encounter_id IS OLD.encounter_id
  AND NEW.changes IS OLD.changes AND NEW.reason IS OLD.reason
)
BEGIN
  SELECT RAISE(ABORT, 'audit_events is append-only: UPDATE is not allowed');
END;
