-- The Jobcenters that have events, found by reading $all once and then only what is new, so
-- that checkpoints can be signed for every Jobcenter whichever adapter holds the events
-- (KurrentDB has no table to ask). `tenant_scan` holds how far $all has been read.
CREATE TABLE event_store.known_tenants (
  tenant_id  text        PRIMARY KEY,
  first_seen timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE event_store.tenant_scan (
  id      smallint PRIMARY KEY CHECK (id = 1),
  commit  bigint   NOT NULL,
  prepare bigint   NOT NULL
);
