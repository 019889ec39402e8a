-- Where each relay stands in $all, one row per checkpoint name. IF NOT EXISTS: stores made
-- before these migrations already hold the table.
CREATE SCHEMA IF NOT EXISTS messaging;

CREATE TABLE IF NOT EXISTS messaging.relay_checkpoints (
  name       text        PRIMARY KEY,
  commit     bigint      NOT NULL,
  prepare    bigint      NOT NULL,
  events     bigint      NOT NULL DEFAULT 0,
  updated_at timestamptz NOT NULL DEFAULT now()
);
