-- The vault: one wrapped data key per case. IF NOT EXISTS: stores made before these
-- migrations already hold the table.
CREATE SCHEMA IF NOT EXISTS privacy;

CREATE TABLE IF NOT EXISTS privacy.case_keys (
  tenant        text        NOT NULL,
  case_id       text        NOT NULL,
  key_id        uuid        NOT NULL UNIQUE,
  master_key_id text        NOT NULL,
  -- NULL once erased: the key is gone, the row remains as the record of the erasure.
  wrapped       bytea,
  created_at    timestamptz NOT NULL DEFAULT now(),
  erased_at     timestamptz,
  PRIMARY KEY (tenant, case_id)
);
