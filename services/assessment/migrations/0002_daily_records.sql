-- Daily management records (wenjiang 5.2, longquan art. 12) kept by the bureau: of a unit
-- (person_id '') or of a person (unit_id: the person's unit when recorded).
CREATE TABLE daily_records (
  jurisdiction VARCHAR(64) NOT NULL,
  id VARCHAR(64) NOT NULL,
  kind TINYINT NOT NULL,
  unit_id VARCHAR(64) NOT NULL,
  person_id VARCHAR(64) NOT NULL,
  record_date DATE NOT NULL,
  hours DOUBLE NOT NULL,
  days DOUBLE NOT NULL,
  note VARCHAR(255) NOT NULL,
  reference VARCHAR(255) NOT NULL,
  created_at DATETIME(6) NOT NULL,
  PRIMARY KEY (jurisdiction, id),
  KEY by_unit_date (jurisdiction, unit_id, record_date),
  KEY by_person_date (jurisdiction, person_id, record_date)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
