-- Performance pay (longquan art. 17): the deduction a record of an at-least rule states, and the
-- kind of a leave (事假 deducts).
ALTER TABLE daily_records ADD COLUMN deduction_fen BIGINT NOT NULL DEFAULT 0;
ALTER TABLE leave_requests ADD COLUMN kind TINYINT NOT NULL DEFAULT 0;

-- Publication of results within a unit (公示, longquan art. 13(4)); entries fixed when published.
CREATE TABLE publications (
  jurisdiction VARCHAR(64) NOT NULL,
  id VARCHAR(64) NOT NULL,
  kind TINYINT NOT NULL,
  unit_id VARCHAR(64) NOT NULL,
  year SMALLINT NOT NULL,
  month TINYINT NOT NULL,
  start_date DATE NOT NULL,
  end_date DATE NOT NULL,
  period_basis VARCHAR(255) NOT NULL,
  created_at DATETIME(6) NOT NULL,
  PRIMARY KEY (jurisdiction, id),
  KEY by_unit_year (jurisdiction, unit_id, year)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE publication_entries (
  jurisdiction VARCHAR(64) NOT NULL,
  publication_id VARCHAR(64) NOT NULL,
  position SMALLINT NOT NULL,
  person_id VARCHAR(64) NOT NULL,
  full_name VARCHAR(255) NOT NULL,
  result VARCHAR(64) NOT NULL,
  record VARCHAR(255) NOT NULL,
  PRIMARY KEY (jurisdiction, publication_id, position)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Objections raised in a publication's period; OPEN (1) ones on proposed annual grades block the
-- finalize of the unit's year (unit_id, year copied from the publication for that check).
CREATE TABLE objections (
  jurisdiction VARCHAR(64) NOT NULL,
  id VARCHAR(64) NOT NULL,
  publication_id VARCHAR(64) NOT NULL,
  publication_kind TINYINT NOT NULL,
  unit_id VARCHAR(64) NOT NULL,
  year SMALLINT NOT NULL,
  person_id VARCHAR(64) NOT NULL,
  raised_by VARCHAR(64) NOT NULL,
  statement TEXT NOT NULL,
  state TINYINT NOT NULL,
  answer TEXT NOT NULL,
  result_kept BOOLEAN NOT NULL,
  recorded_by VARCHAR(255) NOT NULL,
  answered_by VARCHAR(255) NOT NULL,
  created_at DATETIME(6) NOT NULL,
  answered_at DATETIME(6) NULL,
  PRIMARY KEY (jurisdiction, id),
  KEY by_publication (jurisdiction, publication_id, id),
  KEY open_by_year (jurisdiction, unit_id, year, state)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The parts of the annual registration form (longquan annex 2) recorded here; the particulars
-- and the grade are read live. One row per person and year.
CREATE TABLE annual_registrations (
  jurisdiction VARCHAR(64) NOT NULL,
  person_id VARCHAR(64) NOT NULL,
  year SMALLINT NOT NULL,
  summary_text TEXT NOT NULL,
  summary_by VARCHAR(64) NOT NULL,
  summary_date DATE NULL,
  comment_text TEXT NOT NULL,
  comment_by VARCHAR(64) NOT NULL,
  comment_date DATE NULL,
  supervisor_text TEXT NOT NULL,
  supervisor_by VARCHAR(64) NOT NULL,
  supervisor_date DATE NULL,
  party_text TEXT NOT NULL,
  party_by VARCHAR(64) NOT NULL,
  party_date DATE NULL,
  acknowledge_date DATE NULL,
  acknowledgement_ref VARCHAR(128) NOT NULL,
  completed_on DATE NULL,
  revision INT NOT NULL,
  updated_at DATETIME(6) NOT NULL,
  PRIMARY KEY (jurisdiction, person_id, year)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
