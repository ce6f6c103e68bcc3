-- Tokens keyed by the 32 bytes of their SHA-256 (was: its 64 hex characters) in a WITHOUT ROWID
-- table: one B-tree, half the key, for the insert every authorize makes at a random place in it.
-- Hand-edited after drizzle-kit generate (drizzle's schema cannot say WITHOUT ROWID); a later
-- change to this table must keep both.
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_tokens` (
	`token_hash` blob PRIMARY KEY NOT NULL,
	`system_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`issued_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	FOREIGN KEY (`system_id`) REFERENCES `systems`(`system_id`) ON UPDATE no action ON DELETE cascade
) WITHOUT ROWID;
--> statement-breakpoint
INSERT INTO `__new_tokens`("token_hash", "system_id", "user_id", "issued_at", "expires_at") SELECT unhex("token_hash"), "system_id", "user_id", "issued_at", "expires_at" FROM `tokens` WHERE length("token_hash") = 64 AND unhex("token_hash") IS NOT NULL;--> statement-breakpoint
DROP TABLE `tokens`;--> statement-breakpoint
ALTER TABLE `__new_tokens` RENAME TO `tokens`;--> statement-breakpoint
PRAGMA foreign_keys=ON;
