CREATE TABLE `dialler_agents` (
	`system_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`campaign_id` integer NOT NULL,
	`state` text NOT NULL,
	`since` integer NOT NULL,
	`preview_lead_id` integer NOT NULL,
	PRIMARY KEY(`system_id`, `user_id`),
	FOREIGN KEY (`system_id`) REFERENCES `systems`(`system_id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `dialler_agents_idle` ON `dialler_agents` (`system_id`,`campaign_id`,`state`,`since`,`user_id`);--> statement-breakpoint
CREATE TABLE `dialler_calls` (
	`system_id` integer NOT NULL,
	`call_id` integer NOT NULL,
	`campaign_id` integer NOT NULL,
	`phase` text NOT NULL,
	`waiting_since` integer,
	`machine` integer NOT NULL,
	`talk_ms` integer NOT NULL,
	`record` text NOT NULL,
	PRIMARY KEY(`system_id`, `call_id`),
	FOREIGN KEY (`system_id`) REFERENCES `systems`(`system_id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `dialler_calls_phase` ON `dialler_calls` (`system_id`,`campaign_id`,`phase`,`waiting_since`,`call_id`);--> statement-breakpoint
CREATE TABLE `dialler_runtimes` (
	`system_id` integer NOT NULL,
	`campaign_id` integer NOT NULL,
	`runtime` text NOT NULL,
	PRIMARY KEY(`system_id`, `campaign_id`),
	FOREIGN KEY (`system_id`) REFERENCES `systems`(`system_id`) ON UPDATE no action ON DELETE cascade
);
