-- Deadlines that move a case, the result notice's objection period (公示) and the attestations of
-- wenjiang 6.1 recorded by grading (issue 10). Nothing is deleted.

-- Each step of an application in one agency's hands (docs/grading-deadlines.md): opened when the
-- application reaches the step, closed when it leaves it (or the holder has decided). `since` is
-- the day it reached the holder (not counted); `due_on` the deadline when the calendar knows it.
-- The sent markers make each reminder and escalation go out once.
CREATE TABLE step_holds (
  id BIGINT NOT NULL AUTO_INCREMENT,
  jurisdiction VARCHAR(64) NOT NULL,
  application_id VARCHAR(64) NOT NULL,
  person_id VARCHAR(64) NOT NULL,
  -- '' for the steps of the application itself; the objection's id for OBJECTION_ANSWER.
  objection_id VARCHAR(64) NOT NULL DEFAULT '',
  step TINYINT NOT NULL,
  holder TINYINT NOT NULL,
  since DATE NOT NULL,
  working_days INT NOT NULL,
  due_on DATE NULL,
  open_flag TINYINT NULL,
  closed_at DATETIME(6) NULL,
  reminder_sent_at DATETIME(6) NULL,
  escalation_sent_at DATETIME(6) NULL,
  created_at DATETIME(6) NOT NULL,
  PRIMARY KEY (id),
  -- One open hold per application, objection, step and holder.
  UNIQUE KEY step_holds_one_open (jurisdiction, application_id, objection_id, step, holder,
                                  open_flag),
  KEY step_holds_open (jurisdiction, open_flag, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The objection period of a notice and whether every entry is settled (in force or overturned).
ALTER TABLE result_notices
  ADD COLUMN objection_working_days INT NOT NULL DEFAULT 0,
  ADD COLUMN last_day DATE NULL,
  ADD COLUMN effective_on DATE NULL,
  ADD COLUMN settled TINYINT NOT NULL DEFAULT 1,
  ADD COLUMN version BIGINT NOT NULL DEFAULT 1,
  ADD KEY result_notices_unsettled (jurisdiction, settled, id);

-- Objections (异议) to a decision of a result notice.
CREATE TABLE objections (
  jurisdiction VARCHAR(64) NOT NULL,
  id VARCHAR(64) NOT NULL,
  notice_id VARCHAR(64) NOT NULL,
  application_id VARCHAR(64) NOT NULL,
  state TINYINT NOT NULL,
  recorded_on DATE NOT NULL,
  answered_on DATE NULL,
  body MEDIUMTEXT NOT NULL,
  created_at DATETIME(6) NOT NULL,
  PRIMARY KEY (jurisdiction, id),
  KEY objections_notice (jurisdiction, notice_id, created_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Attestations of wenjiang 6.1 (PROPER_CONDUCT by the bureau); the latest per person and
-- attestation counts.
CREATE TABLE attestations (
  seq BIGINT NOT NULL AUTO_INCREMENT,
  jurisdiction VARCHAR(64) NOT NULL,
  person_id VARCHAR(64) NOT NULL,
  attestation TINYINT NOT NULL,
  attested TINYINT NOT NULL,
  body MEDIUMTEXT NOT NULL,
  created_at DATETIME(6) NOT NULL,
  PRIMARY KEY (seq),
  KEY attestations_person (jurisdiction, person_id, attestation, seq)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
