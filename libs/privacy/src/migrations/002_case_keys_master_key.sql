-- Which master keys wrap the held data keys: the start-up check (every one must be configured)
-- and a rotation find them through this index instead of reading every row.
CREATE INDEX IF NOT EXISTS case_keys_master_key_id
  ON privacy.case_keys (master_key_id) WHERE wrapped IS NOT NULL;
