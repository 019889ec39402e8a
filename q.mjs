import pg from 'pg';
import { v7 } from 'uuid';
import { randomUUID, randomBytes } from 'node:crypto';
import { openPostgresEventStore, chainLink, GENESIS_HASH } from '#event-store';
const url = 'postgres://postgres@127.0.0.1:5432/postgres';
const pool = new pg.Pool({ connectionString: url, max: 18 });
await pool.query('drop table if exists raw_x; CREATE TABLE raw_x (id bigserial PRIMARY KEY, event_id uuid NOT NULL, tenant_id text NOT NULL, stream_id text NOT NULL, stream_version bigint NOT NULL, event_type text NOT NULL, schema_version integer NOT NULL, effective_date date NOT NULL, recorded_at timestamptz NOT NULL, data jsonb NOT NULL, personal jsonb, metadata jsonb NOT NULL, hash bytea NOT NULL)');
const store = await openPostgresEventStore({ connectionString: url, maxConnections: 18 });
await store.db.exec('truncate event_store.events');
const ev = () => ({ eventId: v7(), type: 'EmploymentStarted', schemaVersion: 1, effectiveDate: '2024-05-02', data: { employmentId: randomUUID(), startedOn: '2024-05-02', kind: 'insured', subsidised: true }, personal: { monthlyGrossIncome: 2400 }, metadata: { actor: 'caseworker:bench', correlationId: randomUUID(), causationId: randomUUID() } });
const evs = Array.from({length: 20000}, ev);
let t = performance.now(); let prev = GENESIS_HASH;
for (const e of evs) prev = chainLink(prev, 1, { tenant: 'jc', streamId: 's', recordedAt: '2024-01-01T00:00:00.000Z', event: e });
console.log('chainLink µs/event', ((performance.now() - t) * 1000 / evs.length).toFixed(1));
const B = 500, N = 40;
const ph = Array.from({ length: B }, (_, r) => '(' + Array.from({ length: 12 }, (_, c) => '$' + (r * 12 + c + 1)).join(',') + ')').join(',');
const sql = 'INSERT INTO raw_x (event_id, tenant_id, stream_id, stream_version, event_type, schema_version, effective_date, recorded_at, data, personal, metadata, hash) VALUES ' + ph;
async function run(label, job) {
  let n = 0; const t = performance.now(); const c = process.cpuUsage();
  await Promise.all(Array.from({length: 4}, async () => { while (n < N) { const i = n++; await job(i); } }));
  const cpu = process.cpuUsage(c); const secs = (performance.now() - t) / 1000;
  console.log(label, Math.round(N * B / secs), '/s', 'client cpu µs/row', ((cpu.user + cpu.system) / N / B).toFixed(1));
}
for (let r = 0; r < 2; r++) {
await run('raw', async (i) => { const vals = []; for (let j = 0; j < B; j++) { const e = ev(); vals.push(e.eventId, 'jc', 'b-' + i, j + 1, e.type, 1, e.effectiveDate, new Date().toISOString(), JSON.stringify(e.data), JSON.stringify(e.personal), JSON.stringify(e.metadata), randomBytes(32)); } await pool.query(sql, vals); });
await run('store', async (i) => { await store.appendToStream('jc', 'b-' + i + '-' + r, Array.from({length: B}, ev), { expectedVersion: 'no-stream' }); });
}
await store.close(); await pool.end();
