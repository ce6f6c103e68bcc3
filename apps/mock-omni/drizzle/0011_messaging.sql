CREATE TABLE `conversations` (
	`system_id` integer NOT NULL,
	`conversation_id` integer NOT NULL,
	`channel` text NOT NULL,
	`customer_address` text NOT NULL,
	`business_address` text NOT NULL,
	`campaign_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`state` text NOT NULL,
	`subject` text NOT NULL,
	`unread_count` integer NOT NULL,
	`last_inbound_at` integer,
	`last_message_at` integer NOT NULL,
	`created_at` integer NOT NULL,
	`closed_at` integer,
	`disposition_code` text NOT NULL,
	`notes` text NOT NULL,
	`first_assigned_at` integer,
	`first_response_at` integer,
	`messages_in` integer NOT NULL,
	`messages_out` integer NOT NULL,
	PRIMARY KEY(`system_id`, `conversation_id`),
	FOREIGN KEY (`system_id`) REFERENCES `systems`(`system_id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `conversations_open` ON `conversations` (`system_id`,`channel`,`customer_address`,`state`);--> statement-breakpoint
CREATE INDEX `conversations_queue` ON `conversations` (`system_id`,`campaign_id`,`state`,`conversation_id`);--> statement-breakpoint
CREATE INDEX `conversations_owner` ON `conversations` (`system_id`,`user_id`,`state`);--> statement-breakpoint
CREATE INDEX `conversations_recent` ON `conversations` (`system_id`,`last_message_at`);--> statement-breakpoint
CREATE TABLE `message_templates` (
	`system_id` integer NOT NULL,
	`template_id` integer NOT NULL,
	`template_name` text NOT NULL,
	`language` text NOT NULL,
	`category` text NOT NULL,
	`body` text NOT NULL,
	`variable_count` integer NOT NULL,
	`status` text NOT NULL,
	`rejected_reason` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`system_id`, `template_id`),
	FOREIGN KEY (`system_id`) REFERENCES `systems`(`system_id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `message_templates_name` ON `message_templates` (`system_id`,`template_name`,`language`);--> statement-breakpoint
CREATE TABLE `messages` (
	`system_id` integer NOT NULL,
	`message_id` integer NOT NULL,
	`conversation_id` integer NOT NULL,
	`channel` text NOT NULL,
	`direction` text NOT NULL,
	`from_address` text NOT NULL,
	`to_address` text NOT NULL,
	`body` text NOT NULL,
	`media` text NOT NULL,
	`status` text NOT NULL,
	`error_code` text NOT NULL,
	`error_detail` text NOT NULL,
	`segments` integer NOT NULL,
	`encoding` text NOT NULL,
	`subject` text NOT NULL,
	`email_message_id` text NOT NULL,
	`in_reply_to` text NOT NULL,
	`template` text,
	`message_tag` text NOT NULL,
	`user_id` integer NOT NULL,
	`unique_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`system_id`, `message_id`),
	FOREIGN KEY (`system_id`) REFERENCES `systems`(`system_id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `messages_conversation` ON `messages` (`system_id`,`conversation_id`,`message_id`);--> statement-breakpoint
CREATE TABLE `messaging_agents` (
	`system_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`campaign_id` integer NOT NULL,
	`state` text NOT NULL,
	`pause_code` text NOT NULL,
	`last_offer_at` integer NOT NULL,
	PRIMARY KEY(`system_id`, `user_id`),
	FOREIGN KEY (`system_id`) REFERENCES `systems`(`system_id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `messaging_agents_campaign` ON `messaging_agents` (`system_id`,`campaign_id`);--> statement-breakpoint
CREATE TABLE `messaging_campaigns` (
	`system_id` integer NOT NULL,
	`campaign_id` integer NOT NULL,
	`campaign_name` text NOT NULL,
	`description` text NOT NULL,
	`channels` text NOT NULL,
	`max_concurrent` integer NOT NULL,
	`concurrent_with_calls` integer NOT NULL,
	`dispositions` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`system_id`, `campaign_id`),
	FOREIGN KEY (`system_id`) REFERENCES `systems`(`system_id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `messaging_opt_outs` (
	`system_id` integer NOT NULL,
	`channel` text NOT NULL,
	`address` text NOT NULL,
	`reason` text NOT NULL,
	`at` integer NOT NULL,
	PRIMARY KEY(`system_id`, `channel`, `address`),
	FOREIGN KEY (`system_id`) REFERENCES `systems`(`system_id`) ON UPDATE no action ON DELETE cascade
);
