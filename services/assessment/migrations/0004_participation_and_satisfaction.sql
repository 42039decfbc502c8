-- Why each participant sits its session (wenjiang 7.3.1.2): 1 PROBATION_FIRST_SESSION, 2 REGULAR
-- (sessions created before this column: REGULAR).
ALTER TABLE session_participants ADD COLUMN basis TINYINT NOT NULL DEFAULT 2;

-- PUBLIC_SATISFACTION results: the survey campaign read and what it answered.
ALTER TABLE results ADD COLUMN survey_campaign VARCHAR(255) NOT NULL DEFAULT '',
  ADD COLUMN satisfaction_percent DOUBLE NOT NULL DEFAULT 0,
  ADD COLUMN satisfaction_responses BIGINT NOT NULL DEFAULT 0;
