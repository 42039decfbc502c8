-- Labour contracts (劳动合同) of a person with the employer of record, every employment period,
-- never deleted: EndLabourContract marks the end of the labour relation. employer: an
-- auxpro.common.v1.AgencyKind number; state: LabourContract.State.
CREATE TABLE labour_contracts (
  jurisdiction VARCHAR(64) NOT NULL,
  person_id VARCHAR(64) NOT NULL,
  id VARCHAR(64) NOT NULL,
  employer TINYINT NOT NULL,
  start_date DATE NOT NULL,
  end_date DATE NOT NULL,
  min_service_months INT NOT NULL,
  renewal BOOLEAN NOT NULL,
  document_ref VARCHAR(255) NOT NULL,
  state TINYINT NOT NULL,
  end_reason VARCHAR(255) NOT NULL DEFAULT '',
  renewal_grade VARCHAR(32) NOT NULL DEFAULT '',
  created_at DATETIME(6) NOT NULL,
  PRIMARY KEY (jurisdiction, person_id, id),
  KEY labour_contracts_start (jurisdiction, person_id, start_date)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The number of backbone posts of a unit set by the bureau (longquan art. 14, annex 1).
CREATE TABLE backbone_posts (
  jurisdiction VARCHAR(64) NOT NULL,
  unit_id VARCHAR(64) NOT NULL,
  leader_posts INT NOT NULL,
  deputy_posts INT NOT NULL,
  updated_at DATETIME(6) NOT NULL,
  PRIMARY KEY (jurisdiction, unit_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
