CREATE TABLE `shotgun_races` (
	`system_id` integer NOT NULL,
	`shotgun_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`state` text NOT NULL,
	`race` text NOT NULL,
	PRIMARY KEY(`system_id`, `shotgun_id`),
	FOREIGN KEY (`system_id`) REFERENCES `systems`(`system_id`) ON UPDATE no action ON DELETE cascade
);
