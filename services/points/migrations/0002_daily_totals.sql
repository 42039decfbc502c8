-- Each person's running totals by effective date: through_balance and through_count are the sum
-- and number of the person's entries effective on or before effective_date. A figure at a past
-- date is one indexed row, however long the ledger (the points issue: a balance read costs the
-- same with 10 or 100,000 entries). Kept in the posting's transaction, under the person's lock;
-- a totals table, not the ledger: its rows change, the entries never do.
CREATE TABLE IF NOT EXISTS point_daily_totals (
  jurisdiction VARCHAR(64) NOT NULL,
  person_id VARCHAR(64) NOT NULL,
  effective_date DATE NOT NULL,
  through_balance INT NOT NULL,
  through_count BIGINT NOT NULL,
  PRIMARY KEY (jurisdiction, person_id, effective_date)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The entries written before this table existed (none is skipped or counted twice if this step
-- runs again: a row present is kept).
INSERT IGNORE INTO point_daily_totals (jurisdiction, person_id, effective_date, through_balance,
                                       through_count)
SELECT jurisdiction, person_id, effective_date,
       SUM(SUM(amount)) OVER (PARTITION BY jurisdiction, person_id ORDER BY effective_date),
       SUM(COUNT(*)) OVER (PARTITION BY jurisdiction, person_id ORDER BY effective_date)
FROM point_entries
GROUP BY jurisdiction, person_id, effective_date;
