-- Append-only, hash-chained audit trail; one chain per jurisdiction. Written only by
-- libs/audit in the transaction of the change it records.
CREATE TABLE audit_log (
  jurisdiction VARCHAR(64) NOT NULL,
  seq BIGINT NOT NULL,
  at DATETIME(6) NOT NULL,
  principal VARCHAR(255) NOT NULL,
  actor VARCHAR(255) NOT NULL,
  method VARCHAR(255) NOT NULL,
  resource VARCHAR(512) NOT NULL,
  request_id VARCHAR(64) NOT NULL,
  digest CHAR(64) NOT NULL,
  prev_hash CHAR(64) NOT NULL,
  hash CHAR(64) NOT NULL,
  PRIMARY KEY (jurisdiction, seq)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The head of each chain: locked FOR UPDATE by every append, so appends are serialized.
CREATE TABLE audit_head (
  jurisdiction VARCHAR(64) NOT NULL PRIMARY KEY,
  last_seq BIGINT NOT NULL,
  last_hash CHAR(64) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
