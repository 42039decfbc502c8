-- One row per jurisdiction, locked FOR UPDATE by every hire before it counts the team, so
-- jurisdiction-wide shares (women at most N % of the team) hold under concurrent hires even
-- where no jurisdiction head-count limit row exists to lock.
CREATE TABLE IF NOT EXISTS hiring_locks (
  jurisdiction VARCHAR(64) NOT NULL PRIMARY KEY
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
