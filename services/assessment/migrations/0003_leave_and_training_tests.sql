-- The result of an ANNUAL_TRAINING_TEST daily record (shanxi art. 24(7)); 0 for other kinds.
ALTER TABLE daily_records ADD COLUMN passed TINYINT NOT NULL DEFAULT 0;

-- Leave requests approved by level (wenjiang 5.2 d)). approver_level is the policy's tier for
-- `days`, fixed when requested; return_date is set once the return is registered.
CREATE TABLE leave_requests (
  jurisdiction VARCHAR(64) NOT NULL,
  id VARCHAR(64) NOT NULL,
  person_id VARCHAR(64) NOT NULL,
  unit_id VARCHAR(64) NOT NULL,
  start_date DATE NOT NULL,
  end_date DATE NOT NULL,
  days INT NOT NULL,
  reason VARCHAR(255) NOT NULL,
  approver_level VARCHAR(64) NOT NULL,
  state TINYINT NOT NULL,
  decided_by VARCHAR(255) NOT NULL DEFAULT '',
  decision_note VARCHAR(255) NOT NULL DEFAULT '',
  return_date DATE NULL,
  created_at DATETIME(6) NOT NULL,
  updated_at DATETIME(6) NOT NULL,
  PRIMARY KEY (jurisdiction, id),
  KEY by_person (jurisdiction, person_id, start_date)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
