-- What the recruitment check reads beyond the profile: background findings with their dates (a
-- penalty's end, a sanction lifted), the hiring procedure's step records (RecordHiringStep) and the
-- attestations a candidate has (fitness for the post, the languages).
-- findings_detail: the findings and step records as a serialized auxpro.personnel.v1.Person holding
-- only `findings` and `hiring_steps`, hex-encoded; attestations: comma-separated
-- auxpro.common.v1.Attestation numbers.
ALTER TABLE persons
  ADD COLUMN IF NOT EXISTS findings_detail TEXT NOT NULL DEFAULT '',
  ADD COLUMN IF NOT EXISTS attestations VARCHAR(64) NOT NULL DEFAULT '';
