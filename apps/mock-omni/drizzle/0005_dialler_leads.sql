CREATE TABLE `dialler_leads` (
	`system_id` integer NOT NULL,
	`lead_id` integer NOT NULL,
	`list_id` integer NOT NULL,
	`priority` integer NOT NULL,
	`due_at` integer,
	`holder` text,
	PRIMARY KEY(`system_id`, `lead_id`),
	FOREIGN KEY (`system_id`) REFERENCES `systems`(`system_id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `dialler_leads_next` ON `dialler_leads` (`system_id`,`list_id`,`priority`,`due_at`,`lead_id`) WHERE "dialler_leads"."holder" IS NULL AND "dialler_leads"."due_at" IS NOT NULL;