/**
 * The statistics name their method, end to end: the catalogue of indicators (every figure with
 * its code, legal basis and definition, also the two teilhabe cannot compute) and the `lang`
 * parameter that gives titles and definitions in German or English (English by default).
 */
import { indicatorTexts } from '#projections';
import { send, startApp, type RunningApp } from './support/app.js';

const A = 'jc-kronach';
let running: RunningApp;

interface Entry {
  name: string;
  code: string | null;
  legalBasis: string | null;
  title: string;
  definition: string;
  computable: boolean;
  reason?: string;
  lookBack?: number;
  followUp?: number;
  changeFigure: boolean;
}

async function catalogue(query: string): Promise<Entry[]> {
  const response = await send(running.url, 'GET', `/v1/statistics/indicators${query}`, {
    token: await running.token(A, 'analyst'),
  });
  expect(response.status).toBe(200);
  return response.body.items as Entry[];
}

beforeAll(async () => {
  running = await startApp();
  const enrolled = await send(running.url, 'POST', '/v1/cases', {
    token: await running.token(A, 'caseworker'),
    body: {
      client: { givenName: 'S', familyName: 'T', dateOfBirth: '1988-03-03', gender: 'female' },
      enrolledOn: '2024-01-08',
    },
  });
  expect(enrolled.status).toBe(201);
}, 60_000);
afterAll(async () => {
  await running?.close();
});

it('lists every indicator with code, legal basis and its German definition', async () => {
  const items = await catalogue('?lang=de');
  const k2 = items.find((entry) => entry.name === 'integration-quota');
  expect(k2).toEqual({
    name: 'integration-quota',
    code: 'K2',
    legalBasis: '§ 5 Abs. 1 SGB2§48aFKV',
    title: 'K2 Integrationsquote',
    definition: indicatorTexts('integration-quota').de.definition,
    computable: true,
    lookBack: expect.any(Number) as number,
    followUp: 0,
    changeFigure: false,
  });
  expect(k2!.definition).toContain('Stichtag');
  expect(items.find((entry) => entry.name === 'long-term-recipients')).toMatchObject({
    code: 'K3',
    changeFigure: true,
  });
  expect(items.find((entry) => entry.name === 'stock')).toMatchObject({
    code: null,
    legalBasis: null,
    computable: true,
  });
});

it('names K1 and K1E1 with the reason they are not computed, and never answers a value of them', async () => {
  const token = await running.token(A, 'analyst');
  for (const [lang, reason] of [
    ['de', /^Nicht berechenbar: .*Leistungsanspruch/u],
    ['en', /^Not computable: .*Leistungsanspruch/u],
  ] as const) {
    const items = await catalogue(`?lang=${lang}`);
    const notComputable = items.filter((entry) => !entry.computable);
    expect(notComputable.map((entry) => [entry.name, entry.code])).toEqual([
      ['living-benefits-change', 'K1'],
      ['housing-benefits-change', 'K1E1'],
    ]);
    for (const entry of notComputable) {
      expect(entry.reason).toMatch(reason);
      expect(entry).not.toHaveProperty('lookBack');
      expect(entry.changeFigure).toBe(true);
    }
    for (const entry of items.filter((e) => e.computable))
      expect(entry).not.toHaveProperty('reason');
  }
  const value = await send(running.url, 'GET', '/v1/statistics/living-benefits-change', { token });
  expect({ status: value.status, fields: value.body.errors?.map((e) => e.field) }).toEqual({
    status: 400,
    fields: ['path:indicator'],
  });
});

it('gives each computed figure the catalogue’s title and definition in the language asked', async () => {
  const token = await running.token(A, 'caseworker');
  for (const lang of ['de', 'en'] as const) {
    for (const entry of (await catalogue(`?lang=${lang}`)).filter((e) => e.computable)) {
      const answer = await send(
        running.url,
        'GET',
        `/v1/statistics/${entry.name}?month=2024-06&lang=${lang}`,
        { token },
      );
      expect({ name: entry.name, status: answer.status }).toEqual({
        name: entry.name,
        status: 200,
      });
      expect({ title: answer.body.title, definition: answer.body.definition }).toEqual({
        title: entry.title,
        definition: entry.definition,
      });
    }
  }
});

it('answers in English without lang, as before, and in German on the series and the ranking', async () => {
  const token = await running.token(A, 'caseworker');
  expect(await catalogue('')).toEqual(await catalogue('?lang=en'));
  const plain = await send(running.url, 'GET', '/v1/statistics/stock?month=2024-06', { token });
  const english = await send(running.url, 'GET', '/v1/statistics/stock?month=2024-06&lang=en', {
    token,
  });
  expect(plain.body).toEqual(english.body);
  expect(plain.body.definition).toContain('reference day');

  const german = indicatorTexts('integration-quota').de;
  const series = await send(
    running.url,
    'GET',
    '/v1/statistics/integration-quota/series?from=2024-05&to=2024-06&lang=de',
    { token },
  );
  expect(series.status).toBe(200);
  for (const item of series.body.items as { title: string; definition: string }[])
    expect(item).toMatchObject({ title: german.title, definition: german.definition });
  const ranking = await send(
    running.url,
    'GET',
    '/v1/statistics/ranking?indicator=integration-quota&month=2024-06&lang=de',
    { token: await running.token('*', 'analyst') },
  );
  expect(ranking.status).toBe(200);
  expect(ranking.body.title).toBe(german.title);
});

it('refuses a language it does not have, naming lang, and lets only statistics roles read the catalogue', async () => {
  const token = await running.token(A, 'analyst');
  for (const path of [
    '/v1/statistics/indicators?lang=fr',
    '/v1/statistics/stock?lang=DE',
    '/v1/statistics/stock/series?from=2024-01&to=2024-02&lang=',
    '/v1/statistics/ranking?indicator=stock&lang=german',
  ]) {
    const response = await send(running.url, 'GET', path, { token });
    expect({ path, status: response.status, errors: response.body.errors }).toEqual({
      path,
      status: 400,
      errors: [expect.objectContaining({ field: 'lang', rule: 'isIn' })],
    });
  }
  const unknown = await send(running.url, 'GET', '/v1/statistics/indicators?colour=red', { token });
  expect(unknown.body.errors?.map((e) => e.field)).toEqual(['colour']);
  const planner = await send(running.url, 'GET', '/v1/statistics/indicators', {
    token: await running.token(A, 'planner'),
  });
  expect(planner.status).toBe(403);
  const anonymous = await send(running.url, 'GET', '/v1/statistics/indicators');
  expect(anonymous.status).toBe(401);
});
