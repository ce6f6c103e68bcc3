DROP INDEX `leads_status`;--> statement-breakpoint
DROP INDEX `leads_unique_id`;--> statement-breakpoint
CREATE INDEX `leads_dnc` ON `leads` (`system_id`) WHERE "leads"."status" = 'DNC';--> statement-breakpoint
CREATE INDEX `leads_unique_id` ON `leads` (`system_id`,`list_id`,`unique_id`) WHERE "leads"."unique_id" <> '';