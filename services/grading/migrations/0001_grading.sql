-- Grading (DOMAIN.md section 5). Every row carries its jurisdiction; every query names it.
-- Nothing is deleted: the archive (wenjiang 8.4.1.2) keeps every application, case, notice and
-- level change for the life of the system. Records are kept as their API message in JSON
-- (`body`), with the columns that queries and constraints need beside it.

-- The current level of each person ever graded; `version` is its etag.
CREATE TABLE person_levels (
  jurisdiction VARCHAR(64) NOT NULL,
  person_id VARCHAR(64) NOT NULL,
  level TINYINT NOT NULL,
  since DATE NULL,
  version BIGINT NOT NULL,
  updated_at DATETIME(6) NOT NULL,
  PRIMARY KEY (jurisdiction, person_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Every change of a level, in order (from, to, kind, reason, decision, date, agency, actor).
CREATE TABLE level_changes (
  seq BIGINT NOT NULL AUTO_INCREMENT,
  jurisdiction VARCHAR(64) NOT NULL,
  person_id VARCHAR(64) NOT NULL,
  body MEDIUMTEXT NOT NULL,
  created_at DATETIME(6) NOT NULL,
  PRIMARY KEY (seq),
  KEY level_changes_person (jurisdiction, person_id, seq)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Applications. `open_person_id` is the person while the application is open (NULL once closed):
-- one open application per person, enforced by the unique key.
CREATE TABLE applications (
  jurisdiction VARCHAR(64) NOT NULL,
  id VARCHAR(64) NOT NULL,
  person_id VARCHAR(64) NOT NULL,
  state TINYINT NOT NULL,
  target_level TINYINT NOT NULL,
  open_person_id VARCHAR(64) NULL,
  result_notice_id VARCHAR(64) NULL,
  version BIGINT NOT NULL,
  body MEDIUMTEXT NOT NULL,
  created_at DATETIME(6) NOT NULL,
  updated_at DATETIME(6) NOT NULL,
  PRIMARY KEY (jurisdiction, id),
  UNIQUE KEY applications_one_open (jurisdiction, open_person_id),
  KEY applications_person (jurisdiction, person_id, id),
  KEY applications_state (jurisdiction, state, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Result notices: a batch of decisions published on a date. The objection period and its
-- answers (公示) will be columns and a table of their own beside these.
CREATE TABLE result_notices (
  jurisdiction VARCHAR(64) NOT NULL,
  id VARCHAR(64) NOT NULL,
  publish_date DATE NOT NULL,
  body MEDIUMTEXT NOT NULL,
  created_at DATETIME(6) NOT NULL,
  PRIMARY KEY (jurisdiction, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Demotion cases; one open case per person as for applications.
CREATE TABLE demotion_cases (
  jurisdiction VARCHAR(64) NOT NULL,
  id VARCHAR(64) NOT NULL,
  person_id VARCHAR(64) NOT NULL,
  state TINYINT NOT NULL,
  open_person_id VARCHAR(64) NULL,
  version BIGINT NOT NULL,
  body MEDIUMTEXT NOT NULL,
  created_at DATETIME(6) NOT NULL,
  updated_at DATETIME(6) NOT NULL,
  PRIMARY KEY (jurisdiction, id),
  UNIQUE KEY demotion_cases_one_open (jurisdiction, open_person_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The archive: every transition with agency, actor, time and reason, in order.
CREATE TABLE archive_entries (
  seq BIGINT NOT NULL AUTO_INCREMENT,
  jurisdiction VARCHAR(64) NOT NULL,
  person_id VARCHAR(64) NOT NULL,
  body MEDIUMTEXT NOT NULL,
  created_at DATETIME(6) NOT NULL,
  PRIMARY KEY (seq),
  KEY archive_jurisdiction (jurisdiction, seq),
  KEY archive_person (jurisdiction, person_id, seq)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
