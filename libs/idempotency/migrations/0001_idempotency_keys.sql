-- One row per (caller, request_id) of a mutating call, written in the call's transaction with
-- the response it produced, so a retry gets the same answer and causes no second effect.
CREATE TABLE idempotency_keys (
  caller VARCHAR(255) NOT NULL,
  request_id VARCHAR(64) NOT NULL,
  method VARCHAR(255) NOT NULL,
  request_digest CHAR(64) NOT NULL,
  response MEDIUMTEXT NOT NULL,
  created_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  PRIMARY KEY (caller, request_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
