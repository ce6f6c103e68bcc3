CREATE TABLE `agent_sessions` (
	`system_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`pause_code` text NOT NULL,
	`resume_state` text NOT NULL,
	`bridge_id` text NOT NULL,
	`logged_in_at` integer,
	PRIMARY KEY(`system_id`, `user_id`),
	FOREIGN KEY (`system_id`) REFERENCES `systems`(`system_id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `callee_rules` (
	`system_id` integer PRIMARY KEY NOT NULL,
	`rules` text NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`system_id`) REFERENCES `systems`(`system_id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `calls` (
	`system_id` integer NOT NULL,
	`call_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`campaign_id` integer NOT NULL,
	`list_id` integer NOT NULL,
	`lead_id` integer NOT NULL,
	`shotgun_id` integer NOT NULL,
	`parent_call_id` integer NOT NULL,
	`linked_call_id` integer NOT NULL,
	`phone_number` text NOT NULL,
	`caller_id` text NOT NULL,
	`dnis` text NOT NULL,
	`unique_id` text NOT NULL,
	`direction` text NOT NULL,
	`call_type` integer NOT NULL,
	`machine` text NOT NULL,
	`outcome` text,
	`sip_code` integer NOT NULL,
	`disposition_code` text,
	`recording_file` text NOT NULL,
	`recorded_ms` integer NOT NULL,
	`recording_since` integer,
	`timeline` text NOT NULL,
	`notes` text NOT NULL,
	`callback_at` integer,
	PRIMARY KEY(`system_id`, `call_id`),
	FOREIGN KEY (`system_id`) REFERENCES `systems`(`system_id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `calls_recording_file` ON `calls` (`system_id`,`recording_file`);--> statement-breakpoint
CREATE TABLE `delivery_attempts` (
	`attempt_id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`notification_id` text NOT NULL,
	`round` integer NOT NULL,
	`attempt` integer NOT NULL,
	`outcome` text NOT NULL,
	`url` text NOT NULL,
	`status` integer,
	`error` text,
	`response_body` text NOT NULL,
	`duration_ms` integer NOT NULL,
	`sent_at` integer NOT NULL,
	`virtual_at` integer NOT NULL,
	FOREIGN KEY (`notification_id`) REFERENCES `outbox`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `delivery_attempts_notification` ON `delivery_attempts` (`notification_id`,`attempt_id`);--> statement-breakpoint
CREATE TABLE `outbox` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`id` text NOT NULL,
	`system_id` integer NOT NULL,
	`call_id` integer,
	`type` text NOT NULL,
	`body` text NOT NULL,
	`state` text NOT NULL,
	`attempts` integer NOT NULL,
	`round` integer NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`first_attempt_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`system_id`) REFERENCES `systems`(`system_id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_id_unique` ON `outbox` (`id`);--> statement-breakpoint
CREATE INDEX `outbox_system` ON `outbox` (`system_id`,`seq`);--> statement-breakpoint
CREATE INDEX `outbox_call` ON `outbox` (`system_id`,`call_id`,`seq`);--> statement-breakpoint
CREATE INDEX `outbox_pending` ON `outbox` (`seq`) WHERE "outbox"."state" = 'pending';--> statement-breakpoint
CREATE TABLE `virtual_phones` (
	`system_id` integer NOT NULL,
	`extension` text NOT NULL,
	`user_id` integer NOT NULL,
	`registered_at` integer NOT NULL,
	PRIMARY KEY(`system_id`, `extension`),
	FOREIGN KEY (`system_id`) REFERENCES `systems`(`system_id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `webhook_chaos` (
	`system_id` integer PRIMARY KEY NOT NULL,
	`delay_ms` integer NOT NULL,
	`duplicate_rate` real NOT NULL,
	`drop_first_attempts` integer NOT NULL,
	`reorder` integer NOT NULL,
	FOREIGN KEY (`system_id`) REFERENCES `systems`(`system_id`) ON UPDATE no action ON DELETE cascade
);
