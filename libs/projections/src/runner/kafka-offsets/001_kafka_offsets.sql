-- The Kafka projection's bookkeeping, placed into the read model's schema beside its tables.
-- IF NOT EXISTS: schemas made before these migrations already hold the tables.

-- Per partition: the offsets applied so far are exactly [0, next_offset).
CREATE TABLE IF NOT EXISTS ${schema}.kafka_offsets (
  group_id    text        NOT NULL,
  topic       text        NOT NULL,
  partition   integer     NOT NULL,
  next_offset bigint      NOT NULL DEFAULT 0,
  position    bigint      NOT NULL DEFAULT 0,
  events      bigint      NOT NULL DEFAULT 0,
  duplicates  bigint      NOT NULL DEFAULT 0,
  updated_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (group_id, topic, partition)
);

-- The last version applied per stream: the relay's duplicates are dropped by it.
CREATE TABLE IF NOT EXISTS ${schema}.kafka_stream_versions (
  tenant    text    NOT NULL,
  stream_id text    NOT NULL,
  version   integer NOT NULL,
  PRIMARY KEY (tenant, stream_id)
);
