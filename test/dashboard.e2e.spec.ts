/**
 * The dashboard at /dashboard in a real browser (Debian's Chromium driven by playwright-core;
 * nothing downloads a browser): it shows the figures the API answers for demo data, follows a
 * command live over the SSE stream without a reload, keeps its filters in the URL, shows
 * suppressed cells as suppressed (never 0), turns away users without access, switches to English
 * and works with the keyboard. Every state is saved as a screenshot under
 * test/artifacts/screenshots/ (git-ignored).
 */
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { jobcenterIds } from '#cases';
import { demoCommand } from '../apps/cli/src/commands/demo.js';
import { loadConfig } from '#config';
import {
  approvedProgramme,
  send,
  startApp,
  TEST_ENCRYPTION_KEY,
  TEST_SECRET,
  TEST_SIGNING_KEY,
  type RunningApp,
} from './support/app.js';
import { ARTIFACTS_DIR, ROOT_DIR } from './support/paths.js';

/** The little of the DOM that the page functions below use (they run in Chromium, not here). */
interface DomElement {
  readonly id: string;
  readonly textContent: string | null;
  readonly dataset: Record<string, string | undefined>;
  getAttribute(name: string): string | null;
  open?: boolean;
  value?: string;
}
interface ChartInstance {
  data: { labels: unknown[]; datasets: { data: unknown[] }[] };
}
declare const document: {
  getElementById(id: string): DomElement | null;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): Iterable<DomElement>;
  readonly activeElement: DomElement | null;
  readonly body: DomElement & { appendChild(child: unknown): unknown };
  createElement(tag: string): unknown;
};
declare const window: {
  __loadedAt?: number;
  Chart: { getChart(canvas: DomElement): ChartInstance };
};
declare const sessionStorage: { getItem(key: string): string | null };
declare function getComputedStyle(element: DomElement): {
  outlineStyle: string;
  outlineWidth: string;
};

const run = promisify(execFile);
const SCREENSHOTS = join(ARTIFACTS_DIR, 'screenshots');
const CHROMIUM = '/usr/bin/chromium';
/** Generous: the machine running the tests may be slow; nothing here waits this long when it works. */
const WAIT = 60_000;

/** The demo's Jobcenters (realistic histories) and one made by hand with known small counts. */
const [DEMO] = jobcenterIds(3) as [string, string, string];
const HAND = 'jc-teststadt';

let running: RunningApp;
let browser: Browser;
let context: BrowserContext | undefined;
const handCases: string[] = [];

function berlinMonth(): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Berlin',
    year: 'numeric',
    month: '2-digit',
  })
    .format(new Date())
    .slice(0, 7);
}

function addMonths(month: string, delta: number): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  const index = year * 12 + (m - 1) + delta;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

const CURRENT = berlinMonth();

/** The same percent format as the page's German labels (whitespace compared loosely). */
const germanPercent = (value: number) =>
  new Intl.NumberFormat('de-DE', {
    style: 'percent',
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  }).format(value);
const squash = (text: string | null) => (text ?? '').replace(/\s+/gu, ' ').trim();

interface Figure {
  title: string;
  definition: string;
  numerator: number | null;
  denominator: number | null;
  value: number | null;
  suppressed: boolean;
  provisional: boolean;
}

async function figure(token: string, indicator: string, query: string): Promise<Figure> {
  const response = await send(running.url, 'GET', `/v1/statistics/${indicator}?${query}`, {
    token,
  });
  expect(response.status).toBe(200);
  return response.body as unknown as Figure;
}

let enrolled = 0;
/** A client of their own each time: the same name and date of birth would be one person. */
async function enrol(tenant: string, refugee: boolean): Promise<string> {
  enrolled += 1;
  const response = await send(running.url, 'POST', '/v1/cases', {
    token: await running.token(tenant, 'caseworker'),
    body: {
      client: {
        givenName: `S${enrolled}`,
        familyName: 'T',
        dateOfBirth: '1984-05-05',
        gender: 'female',
      },
      enrolledOn: '2025-06-02',
      targetGroups: { refugeeUkraine: refugee },
    },
  });
  expect(response.status).toBe(201);
  return response.body.caseId as string;
}

async function jobStart(tenant: string, caseId: string, startedOn: string): Promise<number> {
  const response = await send(running.url, 'POST', `/v1/cases/${caseId}/employments`, {
    token: await running.token(tenant, 'caseworker'),
    body: { kind: 'insured', startedOn, subsidised: false },
  });
  expect(response.status).toBe(201);
  return response.body.position as number;
}

/** A fresh browser context (own sessionStorage) on the dashboard, signed in through the URL fragment. */
async function open(path: string, token?: string): Promise<Page> {
  await context?.close();
  context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    timezoneId: 'Europe/Berlin',
  });
  const page = await context.newPage();
  page.setDefaultTimeout(WAIT);
  page.on('pageerror', (error) =>
    process.stderr.write(`[dashboard] page error: ${error.message}\n`),
  );
  await page.goto(`${running.url}${path}${token ? `#token=${token}` : ''}`);
  return page;
}

/** Waits until the figures of load number > `after` are on the page. */
async function loaded(page: Page, after = 0): Promise<number> {
  await page.waitForFunction(
    (previous) => {
      const panels = document.getElementById('panels');
      return (
        panels?.getAttribute('aria-busy') === 'false' &&
        Number(panels.dataset.generation ?? 0) > previous
      );
    },
    after,
    { timeout: WAIT },
  );
  return page.evaluate(() => Number(document.getElementById('panels')!.dataset.generation));
}

async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

const k2 = (page: Page) =>
  page.evaluate(() => {
    const element = document.querySelector('[data-testid="k2-value"]')!;
    return {
      text: element.textContent,
      value: element.dataset.value ?? '',
      numerator: element.dataset.numerator ?? '',
      suppressed: element.dataset.suppressed,
    };
  });

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await run(join(ROOT_DIR, 'deploy', 'tools', 'ensure-chromium.sh'), [], {
    env: { ...process.env },
  });
  running = await startApp({ env: { RATE_LIMIT_PER_MINUTE: '100000' } });
  const config = loadConfig({
    DATABASE_URL: running.database.url,
    AUTH_SECRET: TEST_SECRET,
    ENCRYPTION_KEY: TEST_ENCRYPTION_KEY,
    CHECKPOINT_SIGNING_KEY: TEST_SIGNING_KEY,
  });
  await demoCommand(config, {
    url: running.url,
    jobcenters: 3,
    clients: 80,
    seed: 8,
    from: addMonths(CURRENT, -24),
    concurrency: 4,
  });
  // By hand: 10 clients in need since June 2025, 2 of them refugees from Ukraine; job starts of
  // 3 others and of 1 refugee in the last 12 months. So K2 = 4 / 10 for an analyst too, but the
  // refugees' figure (1 integration) is a small count: suppressed for analysts.
  const year = Number(CURRENT.slice(0, 4));
  await approvedProgramme(running, HAND, year, ['JT-01', 'AKT-02']);
  for (let i = 0; i < 10; i++) handCases.push(await enrol(HAND, i < 2));
  await jobStart(HAND, handCases[0]!, `${addMonths(CURRENT, -5)}-01`);
  await jobStart(HAND, handCases[2]!, `${addMonths(CURRENT, -8)}-02`);
  await jobStart(HAND, handCases[3]!, `${addMonths(CURRENT, -6)}-03`);
  const last = await jobStart(HAND, handCases[4]!, `${addMonths(CURRENT, -2)}-04`);
  // Wait until the projection has all of it before any page asks.
  await figure(await running.token(HAND, 'caseworker'), 'stock', `minPosition=${last}`);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}, 600_000);

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await running?.close();
});

it('renders the real figures of demo data: K2 over 24 months, its table, the ranking', async () => {
  const token = await running.token(DEMO, 'analyst');
  const page = await open('/dashboard', token);
  await loaded(page);
  await screenshot(page, '01-demo-analyst');

  // The token left the URL; the view (with the default month) is in it.
  expect(page.url()).not.toContain('token=');
  expect(new URL(page.url()).searchParams.get('month')).toBe(CURRENT);

  const api = await figure(token, 'integration-quota', `jobcenter=${DEMO}&month=${CURRENT}`);
  expect(api.suppressed).toBe(false);
  expect(api.numerator).toBeGreaterThan(0);
  const shown = await k2(page);
  expect(shown.value).toBe(String(api.value));
  expect(shown.numerator).toBe(String(api.numerator));
  expect(squash(shown.text)).toBe(squash(germanPercent(api.value!)));

  const chart = await page.evaluate(() => {
    const instance = window.Chart.getChart(document.getElementById('chart-k2')!);
    return { labels: instance.data.labels.length, points: instance.data.datasets[0]!.data };
  });
  expect(chart.labels).toBe(24);
  expect(chart.points).toHaveLength(24);
  expect(chart.points.at(-1)).toBeCloseTo(api.value! * 100, 10);

  const rows = page.locator('#table-k2 tbody tr');
  expect(await rows.count()).toBe(24);
  // The current month and the three of its waiting period are provisional, the others not; a
  // year before is the API's figure.
  const statuses = await rows.locator('td:last-child').allTextContents();
  expect(statuses.slice(-4)).toEqual(['vorläufig', 'vorläufig', 'vorläufig', 'vorläufig']);
  expect(statuses.slice(0, 20).every((status) => status === 'endgültig')).toBe(true);
  const yearBefore = await figure(
    token,
    'integration-quota',
    `jobcenter=${DEMO}&month=${addMonths(CURRENT, -12)}`,
  );
  const row12 = await rows.nth(11).locator('td').allTextContents();
  expect(row12[0]).toBe(yearBefore.suppressed ? 'gesperrt' : String(yearBefore.numerator));

  // The ranking: the same rank as the API's, "Rang N von M".
  const ranking = await send(
    running.url,
    'GET',
    `/v1/statistics/ranking?indicator=integration-quota&month=${CURRENT}`,
    { token },
  );
  const entries = ranking.body.jobcenters as { jobcenter: string; rank: number | null }[];
  const own = entries.find((entry) => entry.jobcenter === DEMO)!;
  expect(own.rank).not.toBeNull();
  await expect(page.getByTestId('rank').textContent()).resolves.toBe(
    `Rang ${own.rank} von ${ranking.body.ranked as number}`,
  );
  // An analyst of one Jobcenter sees only its own row, highlighted.
  await expect(page.locator('#table-ranking tbody tr').count()).resolves.toBe(1);
  await expect(page.locator('#table-ranking tr.own').getAttribute('data-jobcenter')).resolves.toBe(
    DEMO,
  );
  // Other panels show real figures too: the measures of the demo programme, the ends of need.
  expect(await page.locator('#table-occupancy tbody tr').count()).toBeGreaterThan(1);

  // The overview lists every figure of the catalogue, in its order; a change figure shows as
  // the BA's rate of change, (value − 1) × 100 %, and K1/K1E1 as not computable.
  const catalogue = await send(running.url, 'GET', '/v1/statistics/indicators?lang=de', { token });
  const indicators = catalogue.body.items as { name: string; computable: boolean }[];
  expect(
    await page.evaluate(() =>
      [...document.querySelectorAll('#table-overview tbody tr')].map((tr) => tr.dataset.indicator),
    ),
  ).toEqual(indicators.map((entry) => entry.name));
  const lastCell = (name: string) =>
    page.locator(`#table-overview tr[data-indicator="${name}"] td`).last().textContent();
  const k3 = await figure(token, 'long-term-recipients', `jobcenter=${DEMO}&month=${CURRENT}`);
  const change = k3.value === null ? 0 : k3.value - 1;
  const sign = change > 0 ? '+' : change < 0 ? '−' : '±';
  expect(squash(await lastCell('long-term-recipients'))).toBe(
    k3.suppressed
      ? 'gesperrt'
      : k3.value === null
        ? '–'
        : squash(`${sign}${germanPercent(Math.abs(change))}`),
  );
  for (const entry of indicators.filter((e) => !e.computable))
    expect(await lastCell(entry.name)).toBe('nicht berechenbar');
  const stock = await figure(token, 'stock', `jobcenter=${DEMO}&month=${CURRENT}`);
  expect(await lastCell('stock')).toBe(stock.suppressed ? 'gesperrt' : String(stock.value));
  await expect(page.getByTestId('live-status').textContent()).resolves.toBe('Live');
}, 180_000);

it('shows the national tenant the full ranking, its chosen Jobcenter highlighted', async () => {
  const token = await running.token('*', 'analyst');
  const page = await open(`/dashboard?jobcenter=${DEMO}&month=${CURRENT}`, token);
  await loaded(page);
  const ranking = await send(
    running.url,
    'GET',
    `/v1/statistics/ranking?indicator=integration-quota&month=${CURRENT}`,
    { token },
  );
  const entries = ranking.body.jobcenters as { jobcenter: string; rank: number | null }[];
  expect(entries.length).toBe(4);
  const rows = page.locator('#table-ranking tbody tr');
  expect(await rows.count()).toBe(entries.length);
  expect(
    await page.evaluate(() =>
      [...document.querySelectorAll('#table-ranking tbody tr')].map((tr) =>
        tr.getAttribute('data-jobcenter'),
      ),
    ),
  ).toEqual(entries.map((entry) => entry.jobcenter));
  await expect(page.locator('#table-ranking tr.own').getAttribute('data-jobcenter')).resolves.toBe(
    DEMO,
  );
  // The Jobcenter filter offers all of them and the nation as a whole.
  const options = await page.evaluate(() =>
    [...document.querySelectorAll('#filter-jobcenter option')].map((o) => o.value ?? ''),
  );
  expect(options.sort()).toEqual(['*', ...entries.map((entry) => entry.jobcenter)].sort());
  await screenshot(page, '02-national-ranking');
}, 120_000);

it('changes the figure live when a command is sent through the API, without a reload', async () => {
  const token = await running.token(HAND, 'analyst');
  const page = await open('/dashboard', token);
  const first = await loaded(page);
  await page.waitForFunction(
    () => document.querySelector('[data-testid="live-status"]')?.textContent === 'Live',
    undefined,
    { timeout: WAIT },
  );
  await page.evaluate(() => {
    window.__loadedAt = 4711;
  });
  const before = await k2(page);
  const apiBefore = await figure(token, 'integration-quota', `month=${CURRENT}`);
  expect(before.numerator).toBe(String(apiBefore.numerator));
  expect(apiBefore.numerator).toBe(4);
  await screenshot(page, '03-live-before');

  const position = await jobStart(HAND, handCases[6]!, `${CURRENT}-01`);
  const after = await figure(
    token,
    'integration-quota',
    `month=${CURRENT}&minPosition=${position}`,
  );
  expect(after.numerator).toBe(5);
  await page.waitForFunction(
    (expected) =>
      document.querySelector('[data-testid="k2-value"]')?.dataset.numerator === expected,
    String(after.numerator),
    { timeout: WAIT },
  );
  const shown = await k2(page);
  expect(shown.value).toBe(String(after.value));
  expect(squash(shown.text)).toBe(squash(germanPercent(after.value!)));
  // The same page: no navigation, a later load of the figures, the time of the update shown.
  await expect(page.evaluate(() => window.__loadedAt)).resolves.toBe(4711);
  expect(
    await page.evaluate(() => Number(document.getElementById('panels')!.dataset.generation)),
  ).toBeGreaterThan(first);
  await expect(page.getByTestId('last-update').getAttribute('datetime')).resolves.toMatch(
    /^\d{4}-\d\d-\d\dT/,
  );
  await screenshot(page, '04-live-after');
}, 120_000);

it('keeps the filters in the URL: a chosen target group gives the API’s figure, also after a reload', async () => {
  const token = await running.token(DEMO, 'caseworker'); // own Jobcenter: nothing suppressed
  const page = await open('/dashboard', token);
  let generation = await loaded(page);
  // A target group whose figure differs from all clients' (so a page ignoring the filter fails).
  const all = await figure(token, 'integration-quota', `month=${CURRENT}`);
  let group = '';
  let expected: Figure | undefined;
  for (const candidate of ['single-parent', 'u25', '50plus', 'refugee-ukraine']) {
    const answer = await figure(
      token,
      'integration-quota',
      `month=${CURRENT}&targetGroup=${candidate}&gender=female`,
    );
    if (answer.value !== null && answer.value !== all.value) {
      group = candidate;
      expected = answer;
      break;
    }
  }
  expect(expected).toBeDefined();
  await page.selectOption('#filter-gender', 'female');
  generation = await loaded(page, generation);
  await page.selectOption('#filter-targetGroup', group);
  generation = await loaded(page, generation);
  const url = new URL(page.url());
  expect(url.searchParams.get('targetGroup')).toBe(group);
  expect(url.searchParams.get('gender')).toBe('female');
  const shown = await k2(page);
  expect(shown.value).toBe(String(expected!.value));
  expect(shown.numerator).toBe(String(expected!.numerator));
  await screenshot(page, '05-filtered');

  // A month in the past, and back to the shared URL in a new page: the same view.
  const month = addMonths(CURRENT, -7);
  await page.fill('#filter-month', month);
  await loaded(page, generation);
  expect(new URL(page.url()).searchParams.get('month')).toBe(month);
  const past = await figure(
    token,
    'integration-quota',
    `month=${month}&targetGroup=${group}&gender=female`,
  );
  expect((await k2(page)).value).toBe(past.value === null ? '' : String(past.value));
  const shared = new URL(page.url());
  await page.reload();
  await loaded(page);
  expect(page.url()).toBe(shared.toString());
  await expect(page.locator('#filter-targetGroup').inputValue()).resolves.toBe(group);
  await expect(page.locator('#filter-gender').inputValue()).resolves.toBe('female');
  await expect(page.locator('#filter-month').inputValue()).resolves.toBe(month);
  expect((await k2(page)).value).toBe(past.value === null ? '' : String(past.value));
  // The 24 months end at the chosen one.
  const lastRow = await page.locator('#table-k2 tbody tr').last().locator('th').textContent();
  expect(lastRow).toBe(
    new Intl.DateTimeFormat('de-DE', { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(
      new Date(`${month}-01T00:00:00Z`),
    ),
  );
}, 120_000);

it('shows a suppressed cell as suppressed, never as 0', async () => {
  const analyst = await running.token(HAND, 'analyst');
  // The hidden figure is a count of 1 (the Jobcenter's own caseworkers see it).
  const hidden = await figure(
    await running.token(HAND, 'caseworker'),
    'integration-quota',
    `month=${CURRENT}&targetGroup=refugee-ukraine`,
  );
  expect(hidden.numerator).toBe(1);
  const suppressed = await figure(
    analyst,
    'integration-quota',
    `month=${CURRENT}&targetGroup=refugee-ukraine`,
  );
  expect(suppressed).toMatchObject({ suppressed: true, numerator: null, value: null });

  const page = await open(`/dashboard?month=${CURRENT}&targetGroup=refugee-ukraine`, analyst);
  await loaded(page);
  await page.evaluate(() => {
    for (const details of document.querySelectorAll('details')) details.open = true;
  });
  const shown = await k2(page);
  expect(shown).toMatchObject({ text: 'gesperrt', suppressed: 'true', value: '', numerator: '' });
  // In the table behind the chart: the chosen month's row says "gesperrt" in each figure.
  const lastRow = page.locator('#table-k2 tbody tr').last();
  const cells = await lastRow.locator('td[data-suppressed="true"]').allTextContents();
  expect(cells).toEqual(['gesperrt', 'gesperrt', 'gesperrt']);
  // The chart leaves a gap there instead of drawing a 0.
  const point = await page.evaluate(() =>
    window.Chart.getChart(document.getElementById('chart-k2')!).data.datasets[0]!.data.at(-1),
  );
  expect(point).toBeNull();
  // Per target group: the refugees' row suppressed, all clients' shown (4 or 5 integrations of 10).
  const groups = page.locator('#table-groups tbody tr');
  const refugees = await groups.nth(4).locator('td').allTextContents();
  expect(refugees).toEqual(['gesperrt', 'gesperrt', 'gesperrt']);
  expect(refugees).not.toContain('0');
  const all = await figure(analyst, 'integration-quota', `month=${CURRENT}`);
  expect(all).toMatchObject({ suppressed: false });
  expect(all.numerator).toBeGreaterThanOrEqual(4);
  const everyone = await groups.nth(0).locator('td').allTextContents();
  expect(everyone[0]).toBe(String(all.numerator));
  await screenshot(page, '06-suppressed');
}, 120_000);

it('turns away a planner and a garbage token: "Kein Zugriff", no figures', async () => {
  // The planner signs in through the form.
  const page = await open('/dashboard');
  await page.getByLabel('Zugangstoken').fill(await running.token(HAND, 'planner'));
  await screenshot(page, '07-sign-in');
  await page.getByRole('button', { name: 'Anmelden' }).click();
  const error = page.getByTestId('error');
  await error.waitFor({ state: 'visible' });
  await page.waitForFunction(() =>
    document.querySelector('[data-testid="error"]')?.textContent?.includes('Kein Zugriff'),
  );
  const planner = await send(running.url, 'GET', `/v1/statistics/integration-quota`, {
    token: await running.token(HAND, 'planner'),
  });
  expect(planner.status).toBe(403);
  expect(squash(await error.textContent())).toContain(
    `Kein Zugriff: ${planner.body.detail as string}`,
  );
  await expect(page.locator('#dashboard').isHidden()).resolves.toBe(true);
  await expect(page.getByTestId('k2-value').isVisible()).resolves.toBe(false);
  await expect(page.locator('#sign-in').isVisible()).resolves.toBe(true);
  await screenshot(page, '08-planner-turned-away');

  const garbage = await open('/dashboard', 'not.a.token');
  const garbageError = garbage.getByTestId('error');
  await garbageError.waitFor({ state: 'visible' });
  expect(squash(await garbageError.textContent())).toMatch(/^Kein Zugriff: \S/);
  await expect(garbage.locator('#dashboard').isHidden()).resolves.toBe(true);
  await expect(garbage.getByTestId('k2-value').isVisible()).resolves.toBe(false);
  // The bad token is forgotten.
  await expect(
    garbage.evaluate(() => sessionStorage.getItem('teilhabe.dashboard.token')),
  ).resolves.toBeNull();
  await screenshot(garbage, '09-garbage-token-turned-away');
}, 120_000);

it('switches to English with the definitions, and the URL keeps the language', async () => {
  const token = await running.token(HAND, 'analyst');
  const page = await open(`/dashboard?targetGroup=refugee-ukraine`, token);
  const generation = await loaded(page);
  await expect(page.locator('html').getAttribute('lang')).resolves.toBe('de');
  await expect(page.locator('#filters-heading').textContent()).resolves.toBe('Filter');
  // The German page gives the API's German definitions, the English one its English ones.
  const definitions = async (lang: 'de' | 'en') => ({
    k2: (await figure(token, 'integration-quota', `lang=${lang}`)).definition,
    k3: (await figure(token, 'long-term-recipients', `lang=${lang}`)).definition,
  });
  const shownDefinitions = async () => ({
    k2: await page.locator('#k2-definition').textContent(),
    k3: await page.locator('#k3-definition').textContent(),
    listed: await page
      .locator('#overview-definitions dd[data-indicator="integration-quota"]')
      .textContent(),
  });
  const german = await definitions('de');
  expect(german.k2).toContain('Stichtag');
  expect(await shownDefinitions()).toEqual({
    k2: `Definition: ${german.k2}`,
    k3: german.k3,
    listed: german.k2,
  });
  await page.getByTestId('language-switch').click();
  await loaded(page, generation);
  const english = await definitions('en');
  expect(english.k2).toContain('reference day');
  expect(english.k2).not.toBe(german.k2);
  expect(await shownDefinitions()).toEqual({
    k2: `Definition: ${english.k2}`,
    k3: english.k3,
    listed: english.k2,
  });
  await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');
  expect(new URL(page.url()).searchParams.get('lang')).toBe('en');
  await expect(page.locator('#filters-heading').textContent()).resolves.toBe('Filters');
  await expect(page.locator('label[for="filter-targetGroup"]').textContent()).resolves.toBe(
    'Target group',
  );
  // The legal term keeps its German name; a suppressed value says so in English.
  await expect(page.locator('#k2-heading').textContent()).resolves.toBe(
    'K2 Integrationsquote – last 24 months',
  );
  await expect(page.getByTestId('k2-value').textContent()).resolves.toBe('suppressed');
  await screenshot(page, '10-english');
  await page.reload();
  await loaded(page);
  await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');
  await expect(page.locator('label[for="filter-gender"]').textContent()).resolves.toBe('Gender');
  await expect(page.getByTestId('language-switch').textContent()).resolves.toBe('Deutsch');
}, 120_000);

it('works with the keyboard: Tab reaches the labelled filters, arrow keys change them', async () => {
  const token = await running.token(HAND, 'caseworker');
  const page = await open('/dashboard', token);
  let generation = await loaded(page);
  const visited: string[] = [];
  for (let i = 0; i < 40 && visited.at(-1) !== 'filter-targetGroup'; i++) {
    await page.keyboard.press('Tab');
    visited.push(await page.evaluate(() => document.activeElement?.id ?? ''));
  }
  expect(visited).toEqual(expect.arrayContaining(['filter-jobcenter', 'filter-month']));
  expect(visited.at(-1)).toBe('filter-targetGroup');
  // Visible focus and a label for every filter.
  const focus = await page.evaluate(() => {
    const style = getComputedStyle(document.activeElement!);
    return { outline: style.outlineStyle, width: style.outlineWidth };
  });
  expect(focus.outline).toBe('solid');
  expect(focus.width).toBe('3px');
  for (const id of ['filter-jobcenter', 'filter-month', 'filter-targetGroup', 'filter-gender']) {
    await expect(page.locator(`label[for="${id}"]`).count()).resolves.toBe(1);
  }
  await screenshot(page, '11-keyboard-focus');
  await page.keyboard.press('ArrowDown');
  await expect(page.locator('#filter-targetGroup').inputValue()).resolves.toBe('u25');
  generation = await loaded(page, generation);
  expect(new URL(page.url()).searchParams.get('targetGroup')).toBe('u25');
  const u25 = await figure(token, 'integration-quota', `month=${CURRENT}&targetGroup=u25`);
  expect((await k2(page)).value).toBe(u25.value === null ? '' : String(u25.value));
  // On to the gender with Tab, and a change with the keyboard again.
  await page.keyboard.press('Tab');
  await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('filter-gender');
  await page.keyboard.press('ArrowDown');
  await loaded(page, generation);
  expect(new URL(page.url()).searchParams.get('gender')).toBe('female');
}, 120_000);

it('serves only the dashboard’s own files, same-origin scripts only', async () => {
  const page = await fetch(`${running.url}/dashboard`);
  expect(page.status).toBe(200);
  expect(page.headers.get('content-type')).toMatch(/text\/html/);
  expect(page.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
  expect(await page.text()).toContain('./vendor/chart.umd.js');
  const chart = await fetch(`${running.url}/dashboard/vendor/chart.umd.js`);
  expect(chart.status).toBe(200);
  expect(chart.headers.get('content-type')).toMatch(/javascript/);
  for (const path of [
    '/dashboard/nothing.js',
    '/dashboard/..%2F..%2F..%2Fpackage.json',
    '/dashboard/%2e%2e%2fdashboard.controller.ts',
    '/dashboard/vendor/other.js',
  ]) {
    expect({ path, status: (await fetch(`${running.url}${path}`)).status }).toEqual({
      path,
      status: 404,
    });
  }
});

it('passes axe-core’s WCAG 2.1 AA checks (contrast, labels, landmarks) in German and English, signed in and out', async () => {
  const axe = join(ROOT_DIR, 'node_modules', 'axe-core', 'axe.min.js');
  const token = await running.token(DEMO, 'analyst');
  for (const [path, signedIn] of [
    ['/dashboard', true],
    ['/dashboard?lang=en', true],
    ['/dashboard', false],
  ] as const) {
    const page = await open(path, signedIn ? token : undefined);
    if (signedIn) await loaded(page);
    // Evaluated through the DevTools protocol: the page's CSP (same-origin scripts) stays on.
    await page.evaluate(readFileSync(axe, 'utf8'));
    const violations = await page.evaluate(async () => {
      const result = await (
        window as unknown as {
          axe: {
            run(
              context: unknown,
              options: unknown,
            ): Promise<{
              violations: { id: string; impact: string; nodes: { target: string[] }[] }[];
            }>;
          };
        }
      ).axe.run(document, {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      });
      return result.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')),
      }));
    });
    expect({ path, signedIn, violations }).toEqual({ path, signedIn, violations: [] });
    if (!signedIn) {
      // Control: the same check does see a violation when there is one.
      const found = await page.evaluate(async () => {
        const input = document.createElement('input');
        document.body.appendChild(input);
        const result = await (
          window as unknown as {
            axe: { run(context: unknown): Promise<{ violations: { id: string }[] }> };
          }
        ).axe.run(document);
        return result.violations.map((v) => v.id);
      });
      expect(found).toContain('label');
    }
  }
}, 120_000);
