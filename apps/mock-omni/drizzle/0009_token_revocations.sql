CREATE TABLE `token_revocations` (
	`system_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`revoked_through` integer NOT NULL,
	`kept_hash` blob NOT NULL,
	PRIMARY KEY(`system_id`, `user_id`),
	FOREIGN KEY (`system_id`) REFERENCES `systems`(`system_id`) ON UPDATE no action ON DELETE cascade
);
