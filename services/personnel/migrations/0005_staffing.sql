-- Staffing floors (haimen annex 1: 配备人员数量不低于) per unit and the established staff of the
-- jurisdiction (longquan art. 3(一) ratio), both recorded by the establishment office.
CREATE TABLE staffing_floors (
  jurisdiction VARCHAR(64) NOT NULL,
  unit_id VARCHAR(64) NOT NULL,
  minimum INT NOT NULL,
  document_ref VARCHAR(255) NOT NULL,
  updated_at DATETIME(6) NOT NULL,
  PRIMARY KEY (jurisdiction, unit_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE established_staff (
  jurisdiction VARCHAR(64) NOT NULL,
  staff INT NOT NULL,
  document_ref VARCHAR(255) NOT NULL,
  updated_at DATETIME(6) NOT NULL,
  PRIMARY KEY (jurisdiction)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
