-- Maintenance state shared by every application instance (one row, id = 1).
-- Timestamps are UTC epoch milliseconds; version grows by one with every write.
CREATE TABLE IF NOT EXISTS %TABLE_NAME% (
	id INTEGER NOT NULL PRIMARY KEY,
	enabled BOOLEAN NOT NULL,
	mode VARCHAR(16) NOT NULL,
	reason CHARACTER VARYING,
	since_epoch_ms BIGINT,
	until_epoch_ms BIGINT,
	scheduled_start_epoch_ms BIGINT,
	updated_by CHARACTER VARYING,
	version BIGINT NOT NULL
);
