-- Tokens appended in the order they are issued (token_id, the rowid) with the 32 bytes of their
-- SHA-256 (was: its 64 hex characters as the primary key). The old key took every new token at a
-- random place of its B-tree; the lookup by hash is now the repository's in-memory index.
-- Hand-edited after drizzle-kit generate: the old table had no token_id, and its hex becomes bytes.
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_tokens` (
	`token_id` integer PRIMARY KEY NOT NULL,
	`token_hash` blob NOT NULL,
	`system_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`issued_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	FOREIGN KEY (`system_id`) REFERENCES `systems`(`system_id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
INSERT INTO `__new_tokens`("token_hash", "system_id", "user_id", "issued_at", "expires_at") SELECT unhex("token_hash"), "system_id", "user_id", "issued_at", "expires_at" FROM `tokens` WHERE length("token_hash") = 64 AND unhex("token_hash") IS NOT NULL ORDER BY "issued_at", rowid;--> statement-breakpoint
DROP TABLE `tokens`;--> statement-breakpoint
ALTER TABLE `__new_tokens` RENAME TO `tokens`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `tokens_system_idx` ON `tokens` (`system_id`);