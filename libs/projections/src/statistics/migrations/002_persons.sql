-- Statistics count persons (issue 16): a case belongs to the person of its key, and each
-- person's contributions are computed from all their cases, in any Jobcenter.
ALTER TABLE ${schema}.cases ADD COLUMN IF NOT EXISTS person_key text;
CREATE INDEX IF NOT EXISTS cases_person ON ${schema}.cases (person_key);

-- Each person's current contributions (to subtract when one of their cases changes).
CREATE TABLE IF NOT EXISTS ${schema}.persons (
  person_key    text  PRIMARY KEY,
  contributions jsonb NOT NULL
);

-- A case's contributions are now its person's.
ALTER TABLE ${schema}.cases DROP COLUMN IF EXISTS contributions;
