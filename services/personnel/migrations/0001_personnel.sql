-- Personnel and HR dispatch (DOMAIN.md section 2). Every row carries its jurisdiction; every
-- query names it. Nothing here is ever deleted: exits and revocations are state changes.

CREATE TABLE units (
  jurisdiction VARCHAR(64) NOT NULL,
  id VARCHAR(64) NOT NULL,
  display_name VARCHAR(255) NOT NULL,
  created_at DATETIME(6) NOT NULL,
  PRIMARY KEY (jurisdiction, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE dispatch_agreements (
  jurisdiction VARCHAR(64) NOT NULL,
  id VARCHAR(64) NOT NULL,
  title VARCHAR(255) NOT NULL,
  posts TEXT NOT NULL,
  duties TEXT NOT NULL,
  headcount INT NOT NULL,
  start_date DATE NOT NULL,
  end_date DATE NOT NULL,
  monthly_pay_fen BIGINT NOT NULL,
  social_insurance TEXT NOT NULL,
  breach_liability TEXT NOT NULL,
  hr_company_signed BOOLEAN NOT NULL DEFAULT FALSE,
  bureau_signed BOOLEAN NOT NULL DEFAULT FALSE,
  created_at DATETIME(6) NOT NULL,
  version BIGINT NOT NULL DEFAULT 1,
  PRIMARY KEY (jurisdiction, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE persons (
  jurisdiction VARCHAR(64) NOT NULL,
  id VARCHAR(64) NOT NULL,
  full_name VARCHAR(255) NOT NULL,
  gender TINYINT NOT NULL,
  birth_date DATE NOT NULL,
  national_id_sealed VARCHAR(255) NOT NULL,
  national_id_index CHAR(64) NOT NULL,
  national_id_masked VARCHAR(32) NOT NULL,
  education TINYINT NOT NULL,
  mandarin_level TINYINT NOT NULL,
  basic_english BOOLEAN NOT NULL,
  veteran BOOLEAN NOT NULL,
  party_member BOOLEAN NOT NULL,
  former_auxiliary BOOLEAN NOT NULL,
  driving_licence_classes VARCHAR(255) NOT NULL,
  smart_device_skill BOOLEAN NOT NULL,
  photo_ref VARCHAR(512) NOT NULL,
  post_type TINYINT NOT NULL,
  unit_id VARCHAR(64) NULL,
  duty_area VARCHAR(255) NOT NULL,
  state TINYINT NOT NULL,
  agreement_id VARCHAR(64) NULL,
  hire_date DATE NULL,
  probation_end_date DATE NULL,
  exit_date DATE NULL,
  exit_reason TINYINT NOT NULL DEFAULT 0,
  exit_checklist VARCHAR(1024) NOT NULL DEFAULT '',
  exit_note VARCHAR(1024) NOT NULL DEFAULT '',
  background_findings VARCHAR(255) NOT NULL,
  created_at DATETIME(6) NOT NULL,
  updated_at DATETIME(6) NOT NULL,
  version BIGINT NOT NULL DEFAULT 1,
  PRIMARY KEY (jurisdiction, id),
  UNIQUE KEY persons_national_id (jurisdiction, national_id_index),
  KEY persons_state (jurisdiction, state, id),
  KEY persons_unit (jurisdiction, unit_id, state),
  KEY persons_agreement (jurisdiction, agreement_id, state)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- scope: 'all' for the jurisdiction, else a unit id.
CREATE TABLE headcount_limits (
  jurisdiction VARCHAR(64) NOT NULL,
  scope VARCHAR(64) NOT NULL,
  limit_value INT NOT NULL,
  document_ref VARCHAR(255) NOT NULL,
  updated_at DATETIME(6) NOT NULL,
  PRIMARY KEY (jurisdiction, scope)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE training_records (
  jurisdiction VARCHAR(64) NOT NULL,
  id VARCHAR(64) NOT NULL,
  person_id VARCHAR(64) NOT NULL,
  kind TINYINT NOT NULL,
  topic VARCHAR(255) NOT NULL,
  start_date DATE NOT NULL,
  days DOUBLE NOT NULL,
  hours DOUBLE NOT NULL,
  passed BOOLEAN NOT NULL,
  created_at DATETIME(6) NOT NULL,
  PRIMARY KEY (jurisdiction, id),
  KEY training_person (jurisdiction, person_id, start_date)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The highest badge serial ever issued per jurisdiction: serials only grow, never reused.
CREATE TABLE badge_serials (
  jurisdiction VARCHAR(64) NOT NULL PRIMARY KEY,
  last_serial BIGINT NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE permits (
  jurisdiction VARCHAR(64) NOT NULL,
  badge_number VARCHAR(32) NOT NULL,
  person_id VARCHAR(64) NOT NULL,
  state TINYINT NOT NULL,
  issue_date DATE NOT NULL,
  revoke_date DATE NULL,
  revoke_reason VARCHAR(255) NOT NULL DEFAULT '',
  PRIMARY KEY (jurisdiction, badge_number),
  KEY permits_person (jurisdiction, person_id, state)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
