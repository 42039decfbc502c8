-- Request ids are exact: "aB3..." and "Ab3..." are two keys, not one.
ALTER TABLE idempotency_keys
  MODIFY caller VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  MODIFY request_id VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL;
