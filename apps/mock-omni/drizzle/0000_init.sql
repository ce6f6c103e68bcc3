CREATE TABLE `campaigns` (
	`system_id` integer NOT NULL,
	`campaign_id` integer NOT NULL,
	`campaign_name` text NOT NULL,
	`campaign_type` integer NOT NULL,
	`settings` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`system_id`, `campaign_id`),
	FOREIGN KEY (`system_id`) REFERENCES `systems`(`system_id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `dnc_numbers` (
	`system_id` integer NOT NULL,
	`phone_number` text NOT NULL,
	`added_at` integer NOT NULL,
	PRIMARY KEY(`system_id`, `phone_number`),
	FOREIGN KEY (`system_id`) REFERENCES `systems`(`system_id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `archived_leads` (
	`system_id` integer NOT NULL,
	`lead_id` integer NOT NULL,
	`list_id` integer NOT NULL,
	`first_name` text DEFAULT '' NOT NULL,
	`last_name` text DEFAULT '' NOT NULL,
	`other_info` text DEFAULT '' NOT NULL,
	`unique_id` text DEFAULT '' NOT NULL,
	`lead_provider` text DEFAULT '' NOT NULL,
	`cost` real,
	`title` text DEFAULT '' NOT NULL,
	`email_1` text DEFAULT '' NOT NULL,
	`email_2` text DEFAULT '' NOT NULL,
	`messenger` text DEFAULT '' NOT NULL,
	`address_line_1` text DEFAULT '' NOT NULL,
	`address_line_2` text DEFAULT '' NOT NULL,
	`city` text DEFAULT '' NOT NULL,
	`province` text DEFAULT '' NOT NULL,
	`postal_code` text DEFAULT '' NOT NULL,
	`caller_id` text DEFAULT '' NOT NULL,
	`status` text DEFAULT 'NEW' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`last_call_id` integer DEFAULT 0 NOT NULL,
	`last_call_at` integer,
	`callback_at` integer,
	`phone_1` text NOT NULL,
	`phones` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`system_id`, `lead_id`),
	FOREIGN KEY (`system_id`) REFERENCES `systems`(`system_id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `leads` (
	`system_id` integer NOT NULL,
	`lead_id` integer NOT NULL,
	`list_id` integer NOT NULL,
	`first_name` text DEFAULT '' NOT NULL,
	`last_name` text DEFAULT '' NOT NULL,
	`other_info` text DEFAULT '' NOT NULL,
	`unique_id` text DEFAULT '' NOT NULL,
	`lead_provider` text DEFAULT '' NOT NULL,
	`cost` real,
	`title` text DEFAULT '' NOT NULL,
	`email_1` text DEFAULT '' NOT NULL,
	`email_2` text DEFAULT '' NOT NULL,
	`messenger` text DEFAULT '' NOT NULL,
	`address_line_1` text DEFAULT '' NOT NULL,
	`address_line_2` text DEFAULT '' NOT NULL,
	`city` text DEFAULT '' NOT NULL,
	`province` text DEFAULT '' NOT NULL,
	`postal_code` text DEFAULT '' NOT NULL,
	`caller_id` text DEFAULT '' NOT NULL,
	`status` text DEFAULT 'NEW' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`last_call_id` integer DEFAULT 0 NOT NULL,
	`last_call_at` integer,
	`callback_at` integer,
	`phone_1` text NOT NULL,
	`phones` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`system_id`, `lead_id`),
	FOREIGN KEY (`system_id`) REFERENCES `systems`(`system_id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `leads_list` ON `leads` (`system_id`,`list_id`,`status`);--> statement-breakpoint
CREATE INDEX `leads_phone` ON `leads` (`system_id`,`list_id`,`phone_1`);--> statement-breakpoint
CREATE INDEX `leads_unique_id` ON `leads` (`system_id`,`list_id`,`unique_id`);--> statement-breakpoint
CREATE INDEX `leads_status` ON `leads` (`system_id`,`status`);--> statement-breakpoint
CREATE TABLE `lists` (
	`system_id` integer NOT NULL,
	`list_id` integer NOT NULL,
	`list_name` text NOT NULL,
	`campaign_id` integer DEFAULT 0 NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`system_id`, `list_id`),
	FOREIGN KEY (`system_id`) REFERENCES `systems`(`system_id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `notification_endpoints` (
	`system_id` integer PRIMARY KEY NOT NULL,
	`url` text NOT NULL,
	`notification_types` text NOT NULL,
	`secret` text,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`system_id`) REFERENCES `systems`(`system_id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `sequences` (
	`system_id` integer NOT NULL,
	`name` text NOT NULL,
	`value` integer NOT NULL,
	PRIMARY KEY(`system_id`, `name`),
	FOREIGN KEY (`system_id`) REFERENCES `systems`(`system_id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `systems` (
	`system_id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`system_key` text NOT NULL,
	`is_default` integer DEFAULT false NOT NULL,
	`seed` integer NOT NULL,
	`clock_mode` text NOT NULL,
	`clock_scale` real DEFAULT 1 NOT NULL,
	`clock_virtual_anchor` integer NOT NULL,
	`clock_wall_anchor` integer NOT NULL,
	`clock_start` integer NOT NULL,
	`office_hours` text NOT NULL,
	`token_lifetime_ms` integer NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `systems_system_key_unique` ON `systems` (`system_key`);--> statement-breakpoint
CREATE TABLE `timers` (
	`timer_id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`system_id` integer NOT NULL,
	`due_at` integer NOT NULL,
	`kind` text NOT NULL,
	`ref` text DEFAULT '' NOT NULL,
	`payload` text NOT NULL,
	FOREIGN KEY (`system_id`) REFERENCES `systems`(`system_id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `timers_due` ON `timers` (`system_id`,`due_at`,`timer_id`);--> statement-breakpoint
CREATE INDEX `timers_ref` ON `timers` (`system_id`,`kind`,`ref`);--> statement-breakpoint
CREATE TABLE `tokens` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`system_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`issued_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	FOREIGN KEY (`system_id`) REFERENCES `systems`(`system_id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `tokens_system` ON `tokens` (`system_id`,`user_id`);--> statement-breakpoint
CREATE TABLE `users` (
	`system_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`user_name` text NOT NULL,
	`password_hash` text NOT NULL,
	`password_salt` text NOT NULL,
	`extension` text NOT NULL,
	`webrtc_password` text NOT NULL,
	`agent_state` text DEFAULT 'logged_out' NOT NULL,
	`campaign_id` integer DEFAULT 0 NOT NULL,
	`call_id` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`system_id`, `user_id`),
	FOREIGN KEY (`system_id`) REFERENCES `systems`(`system_id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_name` ON `users` (`system_id`,`user_name`);--> statement-breakpoint
CREATE UNIQUE INDEX `users_extension` ON `users` (`system_id`,`extension`);