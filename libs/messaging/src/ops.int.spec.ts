/**
 * The /health and /metrics server of the Kafka processes, on a real socket (no broker needed):
 * /health answers what the process says at that moment, /metrics the registry in Prometheus'
 * text format, anything else 404; after close the port is free again.
 */
import { Counter } from 'prom-client';
import { processMetrics, startOpsServer, type OpsHealth } from './ops.js';

it('serves /health as the process says, /metrics from its registry, 404 elsewhere', async () => {
  const registry = processMetrics();
  const counter = new Counter({
    name: 'test_ops_total',
    help: 'A test counter',
    registers: [registry],
  });
  counter.inc(3);
  let health: OpsHealth = { ok: false, body: { status: 'unavailable' } };
  const server = await startOpsServer({
    port: 0,
    host: '127.0.0.1',
    registry,
    health: () => health,
  });
  const url = `http://127.0.0.1:${server.port}`;
  try {
    const down = await fetch(`${url}/health`);
    expect([down.status, down.headers.get('content-type'), await down.json()]).toEqual([
      503,
      'application/json',
      { status: 'unavailable' },
    ]);
    health = { ok: true, body: { status: 'standby', partitions: [1, 2] } };
    const up = await fetch(`${url}/health`);
    expect([up.status, await up.json()]).toEqual([200, { status: 'standby', partitions: [1, 2] }]);

    const metrics = await fetch(`${url}/metrics`);
    expect(metrics.status).toBe(200);
    expect(metrics.headers.get('content-type')).toBe(registry.contentType);
    const text = await metrics.text();
    expect(text).toMatch(/^test_ops_total 3$/m);
    expect(text).toMatch(/^process_cpu_user_seconds_total /m); // the default metrics

    const other = await fetch(`${url}/other`);
    expect([other.status, await other.json()]).toEqual([404, { status: 404 }]);
  } finally {
    await server.close();
  }
  await expect(fetch(`${url}/health`)).rejects.toThrow();
});
