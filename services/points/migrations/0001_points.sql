-- Points (DOMAIN.md section 4, wenjiang appendix C). Every row carries its jurisdiction; every
-- query names it.
--
-- point_entries is the ledger: rows are only ever inserted. The service runs no UPDATE or DELETE
-- on it, and its database user has no UPDATE or DELETE privilege on it
-- (deploy/mysql/grants/points.sql.in). A reversal names the entry it reverses; the unique key on
-- (jurisdiction, reverses_id) lets an entry be reversed at most once.
CREATE TABLE point_entries (
  seq BIGINT NOT NULL AUTO_INCREMENT,
  jurisdiction VARCHAR(64) NOT NULL,
  id VARCHAR(64) NOT NULL,
  person_id VARCHAR(64) NOT NULL,
  kind INT NOT NULL,
  rule_code VARCHAR(64) NOT NULL,
  amount INT NOT NULL,
  rule_amount INT NOT NULL,
  not_counted INT NOT NULL,
  matter_id VARCHAR(128) NOT NULL,
  matter_group VARCHAR(16) NOT NULL,
  reason VARCHAR(1000) NOT NULL,
  deciding_agency VARCHAR(255) NOT NULL,
  actor VARCHAR(255) NOT NULL,
  evidence_ref VARCHAR(255) NOT NULL,
  effective_date DATE NOT NULL,
  request_id VARCHAR(64) NOT NULL,
  reverses_id VARCHAR(64) NULL,
  body INT NOT NULL,
  level INT NOT NULL,
  in_own_name BOOLEAN NOT NULL,
  balance_after INT NOT NULL,
  created_at DATETIME(6) NOT NULL,
  PRIMARY KEY (seq),
  UNIQUE KEY point_entries_id (jurisdiction, id),
  UNIQUE KEY point_entries_reverses (jurisdiction, reverses_id),
  KEY point_entries_person (jurisdiction, person_id, seq),
  KEY point_entries_matter (jurisdiction, person_id, matter_id, matter_group),
  KEY point_entries_dated (jurisdiction, person_id, effective_date)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One row per person the ledger knows: the running figures (a balance read is one row, however
-- long the ledger) and the current level period. Locked FOR UPDATE by every posting, so postings
-- of one person are serialized and the figures always equal the sum of the entries.
CREATE TABLE point_persons (
  jurisdiction VARCHAR(64) NOT NULL,
  person_id VARCHAR(64) NOT NULL,
  balance INT NOT NULL DEFAULT 0,
  entry_count BIGINT NOT NULL DEFAULT 0,
  level INT NOT NULL DEFAULT 0,
  level_points INT NOT NULL DEFAULT 0,
  period_start DATE NULL,
  employed BOOLEAN NOT NULL DEFAULT TRUE,
  updated_at DATETIME(6) NOT NULL,
  PRIMARY KEY (jurisdiction, person_id),
  KEY point_persons_level_points (jurisdiction, level_points)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Level periods from the grading service's LevelChanged events (and employment periods from
-- personnel's hires and exits, level 0): level points count from the start of the current one.
CREATE TABLE point_level_periods (
  jurisdiction VARCHAR(64) NOT NULL,
  person_id VARCHAR(64) NOT NULL,
  start_date DATE NOT NULL,
  seq BIGINT NOT NULL AUTO_INCREMENT,
  level INT NOT NULL,
  cause VARCHAR(64) NOT NULL,
  event_id VARCHAR(64) NOT NULL,
  -- The last entry posted before the period began (0: none): the period's entries come after it.
  after_entry BIGINT NOT NULL,
  PRIMARY KEY (seq),
  KEY point_level_periods_person (jurisdiction, person_id, start_date, seq)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Finalized annual ratings (assessment events), one per person and year: the +5 of a top grade
-- once a year and the three-years rule are decided from them.
CREATE TABLE point_annual_ratings (
  jurisdiction VARCHAR(64) NOT NULL,
  person_id VARCHAR(64) NOT NULL,
  year INT NOT NULL,
  top_grade BOOLEAN NOT NULL,
  level INT NOT NULL,
  rating VARCHAR(255) NOT NULL,
  PRIMARY KEY (jurisdiction, person_id, year)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
