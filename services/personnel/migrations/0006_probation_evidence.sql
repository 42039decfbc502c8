-- The person detail (findings_detail) now also carries the probation assessment results the
-- assessment service reports (wenjiang 7.3.1.2), for the current and every closed period: room
-- beyond TEXT's 64 KiB.
ALTER TABLE persons MODIFY COLUMN findings_detail MEDIUMTEXT NOT NULL DEFAULT '';
