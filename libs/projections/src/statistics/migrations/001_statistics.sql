-- The statistics read model, placed into the projector's schema (the live one, a rebuild's
-- shadow, a replay's scratch schema). IF NOT EXISTS: schemas made before these migrations
-- already hold the tables.

-- Totals per Jobcenter, metric, month and the clients' attributes in that month: flows (+1/-1)
-- for states such as the stock, counts for events such as integrations.
CREATE TABLE IF NOT EXISTS ${schema}.monthly (
  tenant        text    NOT NULL,
  metric        text    NOT NULL,
  month         integer NOT NULL,
  u25           boolean NOT NULL,
  over50        boolean NOT NULL,
  single_parent boolean NOT NULL,
  refugee       boolean NOT NULL,
  gender        text    NOT NULL,
  detail        text    NOT NULL,
  value         bigint  NOT NULL,
  PRIMARY KEY (tenant, metric, month, u25, over50, single_parent, refugee, gender, detail)
);
CREATE INDEX IF NOT EXISTS monthly_national ON ${schema}.monthly (metric, month);

-- Each case's statistical facts and its current contributions (to subtract when it changes).
CREATE TABLE IF NOT EXISTS ${schema}.cases (
  tenant        text  NOT NULL,
  case_id       text  NOT NULL,
  facts         jsonb NOT NULL,
  contributions jsonb NOT NULL,
  PRIMARY KEY (tenant, case_id)
);

-- The Arbeitsmarktprogramm: planned places per measure, for occupancy.
CREATE TABLE IF NOT EXISTS ${schema}.programme_measures (
  tenant         text    NOT NULL,
  year           integer NOT NULL,
  measure_id     text    NOT NULL,
  title          text    NOT NULL,
  kind           text    NOT NULL,
  planned_places integer NOT NULL,
  approved_on    date,
  PRIMARY KEY (tenant, year, measure_id)
);

-- Where the runner ($all or Kafka) stands, written in the same transaction as each batch.
CREATE TABLE IF NOT EXISTS ${schema}.checkpoint (
  projection text        PRIMARY KEY,
  commit     bigint      NOT NULL,
  prepare    bigint      NOT NULL,
  version    integer     NOT NULL,
  events     bigint      NOT NULL DEFAULT 0,
  updated_at timestamptz NOT NULL DEFAULT now()
);
