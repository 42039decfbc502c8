-- Assessment (DOMAIN.md section 3). Persons and units are the personnel service's: rows name
-- them by id and never copy their data. Every row carries its jurisdiction; every query names it.
-- Nothing is deleted: a finalized year is immutable.

-- The monthly daily assessment: one per person and month; item results as rows.
CREATE TABLE monthly_assessments (
  jurisdiction VARCHAR(64) NOT NULL,
  id VARCHAR(64) NOT NULL,
  person_id VARCHAR(64) NOT NULL,
  year SMALLINT NOT NULL,
  month TINYINT NOT NULL,
  passed BOOLEAN NOT NULL,
  evidence TEXT NOT NULL,
  created_at DATETIME(6) NOT NULL,
  PRIMARY KEY (jurisdiction, id),
  UNIQUE KEY one_per_month (jurisdiction, person_id, year, month)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE monthly_assessment_items (
  jurisdiction VARCHAR(64) NOT NULL,
  assessment_id VARCHAR(64) NOT NULL,
  position SMALLINT NOT NULL,
  item VARCHAR(64) NOT NULL,
  passed BOOLEAN NOT NULL,
  note VARCHAR(255) NOT NULL,
  PRIMARY KEY (jurisdiction, assessment_id, position)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Quarterly centralized sessions and who sits them.
CREATE TABLE sessions (
  jurisdiction VARCHAR(64) NOT NULL,
  id VARCHAR(64) NOT NULL,
  year SMALLINT NOT NULL,
  quarter TINYINT NOT NULL,
  assessor VARCHAR(128) NOT NULL,
  created_at DATETIME(6) NOT NULL,
  PRIMARY KEY (jurisdiction, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE session_participants (
  jurisdiction VARCHAR(64) NOT NULL,
  session_id VARCHAR(64) NOT NULL,
  position SMALLINT NOT NULL,
  person_id VARCHAR(64) NOT NULL,
  PRIMARY KEY (jurisdiction, session_id, position),
  UNIQUE KEY one_seat (jurisdiction, session_id, person_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One attempt per row; attempts of one person are serialized on attempt_locks.
CREATE TABLE results (
  jurisdiction VARCHAR(64) NOT NULL,
  id VARCHAR(64) NOT NULL,
  session_id VARCHAR(64) NOT NULL,
  person_id VARCHAR(64) NOT NULL,
  item VARCHAR(64) NOT NULL,
  year SMALLINT NOT NULL,
  attempt TINYINT NOT NULL,
  score SMALLINT NOT NULL,
  passed BOOLEAN NOT NULL,
  created_at DATETIME(6) NOT NULL,
  PRIMARY KEY (jurisdiction, id),
  UNIQUE KEY one_attempt (jurisdiction, person_id, item, year, attempt),
  KEY by_session (jurisdiction, session_id, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE attempt_locks (
  jurisdiction VARCHAR(64) NOT NULL,
  person_id VARCHAR(64) NOT NULL,
  PRIMARY KEY (jurisdiction, person_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Annual ratings: one per person and year, in the unit of the proposal.
CREATE TABLE annual_ratings (
  jurisdiction VARCHAR(64) NOT NULL,
  id VARCHAR(64) NOT NULL,
  person_id VARCHAR(64) NOT NULL,
  unit_id VARCHAR(64) NOT NULL,
  year SMALLINT NOT NULL,
  grade VARCHAR(64) NOT NULL,
  state TINYINT NOT NULL,
  updated_at DATETIME(6) NOT NULL,
  PRIMARY KEY (jurisdiction, id),
  UNIQUE KEY one_per_year (jurisdiction, person_id, year),
  KEY by_unit_year (jurisdiction, unit_id, year)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A unit's year: the row proposals and finalizes of the unit lock, so a finalize sees every
-- proposal and two finalizes are serialized. finalized_at NULL while open.
CREATE TABLE rating_years (
  jurisdiction VARCHAR(64) NOT NULL,
  unit_id VARCHAR(64) NOT NULL,
  year SMALLINT NOT NULL,
  unit_size INT NOT NULL DEFAULT 0,
  allowed_top INT NOT NULL DEFAULT 0,
  top_grades INT NOT NULL DEFAULT 0,
  rated INT NOT NULL DEFAULT 0,
  finalized_at DATETIME(6) NULL,
  PRIMARY KEY (jurisdiction, unit_id, year)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
