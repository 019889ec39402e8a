import { Readable } from 'node:stream';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { GENESIS_HASH, InMemoryEventStore, nextDigest, type RecordedEvent } from '#event-store';
import { ExportFileError } from './export-errors.js';
import { EXPORT_FORMAT } from './export-format.js';
import { readExportForImport } from './import-export.js';
import { KeptCheckpointsError, parseKeptCheckpoints } from './kept-checkpoints.js';
import { readExport } from './read-export.js';
import { verifyExport } from './verify-export.js';

const T = 'jc-kronach';
const { publicKey } = generateKeyPairSync('ed25519');

/** The lines of an export of two streams (no keys, no checkpoints), as writeExport writes them. */
async function exportLines(): Promise<string[]> {
  const store = new InMemoryEventStore();
  const events: RecordedEvent[] = [];
  for (const streamId of ['case-a', 'case-b']) {
    await store.appendToStream(
      T,
      streamId,
      [1, 2].map((round) => ({
        eventId: randomUUID(),
        type: 'SomethingHappened',
        schemaVersion: 1,
        effectiveDate: '2024-03-15',
        data: { round },
        metadata: { actor: 'auditor', correlationId: 'export-spec' },
      })),
      { expectedVersion: 0 },
    );
    events.push(...(await store.readStream(T, streamId)));
  }
  const digest = events.reduce((d, e) => nextDigest(d, e.hash), GENESIS_HASH);
  return [
    JSON.stringify({ kind: EXPORT_FORMAT, version: 1, tenant: T, exportedAt: 'x', events: 4 }),
    ...events.map((e) => JSON.stringify({ kind: 'event', ...e })),
    JSON.stringify({ kind: 'end', events: 4, keys: 0, checkpoints: 0, digest }),
  ];
}

const input = (lines: readonly string[]) => Readable.from(lines.map((l) => `${l}\n`));

it('reads an export and verifies it without a database', async () => {
  const lines = await exportLines();
  expect(await readExport(input(lines))).toMatchObject({ tenant: T, keys: [], checkpoints: [] });
  expect(await verifyExport(input(lines), publicKey)).toMatchObject({
    ok: true,
    events: 4,
    streams: 2,
  });
});

it('names the line and the rule of a malformed file', async () => {
  const lines = await exportLines();
  const refusal = (changed: string[]) => readExport(input(changed)).catch((e: unknown) => e);
  expect(await refusal(['{"kind":"other"}'])).toEqual(
    new ExportFileError('line 1 is not the header of a teilhabe-export version 1 file'),
  );
  expect(await refusal([lines[0]!, 'not json'])).toEqual(new ExportFileError('line 2 is not JSON'));
  expect(await refusal([lines[0]!, '{"kind":"note"}'])).toEqual(
    new ExportFileError('line 2: unknown kind "note"'),
  );
  expect(await refusal(lines.slice(0, -1))).toEqual(
    new ExportFileError('the file is incomplete: no header or no end line'),
  );
});

it('finds a changed event: verification reports it, an import refuses the whole file', async () => {
  const lines = await exportLines();
  const event = JSON.parse(lines[2]!) as Record<string, unknown>;
  const changed = [...lines];
  changed[2] = JSON.stringify({ ...event, data: { round: 9 } });
  const report = await verifyExport(input(changed), publicKey);
  expect(report.ok).toBe(false);
  await expect(readExportForImport(input(changed))).rejects.toThrow(
    /^case-a version 2 in the file: .*; nothing was imported$/,
  );
  const dropped = lines.filter((_, i) => i !== 2);
  await expect(readExportForImport(input(dropped))).rejects.toThrow(
    new ExportFileError(
      'the file holds 3 events and 0 keys, its end line says 4 and 0: the file is damaged or was changed; nothing was imported',
    ),
  );
});

it('names the file and the entry of a broken kept checkpoint', () => {
  expect(parseKeptCheckpoints('\n', 'kept.ndjson')).toEqual([]);
  expect(() => parseKeptCheckpoints('{"checkpoints":3}', 'kept.json')).toThrow(
    new KeptCheckpointsError('kept.json: checkpoints must be an array'),
  );
  expect(() => parseKeptCheckpoints('{"checkpoints":[{}]}', 'kept.json')).toThrow(
    /^kept\.json checkpoints\[0\]: /,
  );
  expect(() => parseKeptCheckpoints('\n{"x":1}\n', 'kept.ndjson')).toThrow(
    /^kept\.ndjson line 2: /,
  );
});
