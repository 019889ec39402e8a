/*
 * The teilhabe dashboard: the key figures of one Jobcenter (or all), live; plain ES modules with
 * no build step (why, and the flow from token to panels: docs/dashboard.md).
 */ /* global window, document, history, location, EventSource, Chart */
import { messages } from './i18n.js';

const TOKEN_KEY = 'teilhabe.dashboard.token';
const TARGET_GROUPS = ['all', 'u25', '50plus', 'single-parent', 'refugee-ukraine'];
const GENDERS = ['all', 'female', 'male', 'diverse', 'unspecified'];
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const NATIONAL = '*';
/** The figures that have a panel of their own; the overview asks the API for the others. */
const PANEL_FIGURES = [
  'integration-quota',
  'need-covering-integrations',
  'continuous-employment',
  'need-ended',
  'long-term-recipients',
  'measure-occupancy',
];

const $ = (id) => document.getElementById(id);

/** An answer of 401 or 403: the user is turned away. */
class AccessError extends Error {
  constructor(status, problem) {
    super(problem.detail ?? problem.title ?? String(status));
    this.status = status;
    this.problem = problem;
  }
}

// ---------------------------------------------------------------------------------------------
// State: language, token, filters (all from the URL or sessionStorage)

let t = messages(new URLSearchParams(location.search).get('lang'));
let token = null;
let principal = null;
let filters = null;
let lastData = null;
let generation = 0;
let stream = null;
let reloadTimer = null;
const charts = new Map();
/** The catalogue of indicators per language (it changes only with a new server version). */
const catalogues = new Map();

/** The language of the page, also asked of the API for titles and definitions. */
const language = () => (t === messages('en') ? 'en' : 'de');

function currentMonth() {
  // The API's default month is the German calendar month.
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Berlin',
    year: 'numeric',
    month: '2-digit',
  }).formatToParts(new Date());
  const part = (type) => parts.find((p) => p.type === type).value;
  return `${part('year')}-${part('month')}`;
}

function addMonths(month, delta) {
  const [year, m] = month.split('-').map(Number);
  const index = year * 12 + (m - 1) + delta;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The JWT's payload, only to show tenant and roles (the server verifies the token). */
function decodeToken(text) {
  try {
    const payload = text.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const bytes = Uint8Array.from(atob(payload), (c) => c.charCodeAt(0));
    const claims = JSON.parse(new TextDecoder().decode(bytes));
    return {
      tenant: typeof claims.tenant === 'string' ? claims.tenant : '?',
      roles: Array.isArray(claims.roles) ? claims.roles.map(String) : [],
    };
  } catch {
    return { tenant: '?', roles: [] };
  }
}

function readFilters() {
  const query = new URLSearchParams(location.search);
  const pick = (name, allowed) => (allowed.includes(query.get(name)) ? query.get(name) : 'all');
  const month = MONTH.test(query.get('month') ?? '') ? query.get('month') : currentMonth();
  const asked = query.get('jobcenter');
  const own = principal.tenant;
  const jobcenter = asked && /^(\*|[a-z0-9][a-z0-9-]{0,62})$/.test(asked) ? asked : own;
  return {
    jobcenter,
    month,
    targetGroup: pick('targetGroup', TARGET_GROUPS),
    gender: pick('gender', GENDERS),
  };
}

/** The view in the URL, so that it can be shared; `push` adds a history entry. */
function writeUrl(push) {
  const query = new URLSearchParams();
  if (t === messages('en')) query.set('lang', 'en');
  query.set('jobcenter', filters.jobcenter);
  query.set('month', filters.month);
  query.set('targetGroup', filters.targetGroup);
  query.set('gender', filters.gender);
  const url = `${location.pathname}?${query.toString()}`;
  if (push) history.pushState(null, '', url);
  else history.replaceState(null, '', url);
}

// ---------------------------------------------------------------------------------------------
// The API

async function api(path) {
  const response = await fetch(path, {
    headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
  });
  let body;
  try {
    body = await response.json();
  } catch {
    body = {};
  }
  if (response.status === 401 || response.status === 403)
    throw new AccessError(response.status, body);
  if (!response.ok) throw new Error(body.detail ?? body.title ?? `HTTP ${response.status}`);
  return body;
}

function query(params) {
  return new URLSearchParams(params).toString();
}

function catalogue(lang) {
  if (!catalogues.has(lang)) {
    const answer = api(`/v1/statistics/indicators?${query({ lang })}`).then((body) => body.items);
    answer.catch(() => catalogues.delete(lang)); // asked again on the next load
    catalogues.set(lang, answer);
  }
  return catalogues.get(lang);
}

async function loadFigures(view, lang) {
  const cell = { month: view.month, targetGroup: view.targetGroup, gender: view.gender, lang };
  const own = { jobcenter: view.jobcenter, ...cell };
  const figure = (indicator, extra = {}) =>
    api(`/v1/statistics/${indicator}?${query({ ...own, ...extra })}`);
  const others = catalogue(lang).then(async (indicators) => {
    const asked = indicators.filter(
      (entry) => entry.computable && !PANEL_FIGURES.includes(entry.name),
    );
    const answers = await Promise.all(asked.map((entry) => figure(entry.name)));
    return { indicators, answers: asked.map((entry, i) => [entry.name, answers[i]]) };
  });
  const [series, groups, needCovering, continuous, needEnded, k3, occupancy, ranking, overview] =
    await Promise.all([
      api(
        `/v1/statistics/integration-quota/series?${query({
          jobcenter: view.jobcenter,
          from: addMonths(view.month, -23),
          to: view.month,
          targetGroup: view.targetGroup,
          gender: view.gender,
          lang,
        })}`,
      ),
      Promise.all(
        TARGET_GROUPS.map((group) => figure('integration-quota', { targetGroup: group })),
      ),
      figure('need-covering-integrations'),
      figure('continuous-employment'),
      figure('need-ended'),
      figure('long-term-recipients'),
      figure('measure-occupancy'),
      api(`/v1/statistics/ranking?${query({ indicator: 'integration-quota', ...cell })}`),
      others,
    ]);
  const answers = new Map([
    ['integration-quota', groups.find((answer) => answer.targetGroup === view.targetGroup)],
    ['need-covering-integrations', needCovering],
    ['continuous-employment', continuous],
    ['need-ended', needEnded],
    ['long-term-recipients', k3],
    ['measure-occupancy', occupancy],
    ...overview.answers,
  ]);
  return {
    view,
    series: series.items,
    groups,
    needCovering,
    continuous,
    needEnded,
    k3,
    occupancy,
    ranking,
    indicators: overview.indicators,
    answers,
  };
}

async function reload() {
  const mine = ++generation;
  $('panels').setAttribute('aria-busy', 'true');
  try {
    const data = await loadFigures({ ...filters }, language());
    if (mine !== generation) return; // a newer request is under way
    lastData = data;
    hideError();
    $('dashboard').hidden = false;
    render(data);
    const now = new Date();
    $('last-update').textContent = t.time(now);
    $('last-update').setAttribute('datetime', now.toISOString());
    $('panels').dataset.generation = String(mine);
    $('panels').setAttribute('aria-busy', 'false');
  } catch (error) {
    if (mine !== generation) return;
    if (error instanceof AccessError) turnAway(error);
    else showError(`${t.error}: ${error.message}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Formatting and building blocks

const fmtPercent = (value) =>
  value === null || value === undefined ? t.noValue : t.percent(value);
const fmtNumber = (value) => (value === null || value === undefined ? t.noValue : t.number(value));

/** A change figure (this month / a year earlier) as the BA shows it: (value − 1) × 100 %, signed. */
function fmtChange(value) {
  if (value === null || value === undefined) return t.noValue;
  const change = value - 1;
  return `${change > 0 ? '+' : change < 0 ? '−' : '±'}${t.percent(Math.abs(change))}`;
}

/** A figure's value as the overview shows it: a rate of change, a count, or a share. */
function fmtFigure(entry, answer) {
  if (entry.changeFigure) return fmtChange(answer.value);
  // Only a count (the stock) has no denominator while shown.
  if (answer.denominator === null) return fmtNumber(answer.value);
  return fmtPercent(answer.value);
}

/** The API's definition of a panel's figure, in the page's language (under "Definition"). */
function showDefinition(id, answer) {
  $(id).textContent = answer.definition;
}

/** A table cell: a number, or "gesperrt" (never 0) when the value is suppressed. */
function cell(text, { suppressed = false, numeric = true } = {}) {
  const td = document.createElement('td');
  if (numeric) td.className = 'num';
  if (suppressed) {
    td.textContent = t.suppressed;
    td.dataset.suppressed = 'true';
    td.title = t.suppressedNote;
  } else {
    td.textContent = text;
  }
  return td;
}

function table(caption, headers, rows) {
  const element = document.createElement('table');
  const cap = document.createElement('caption');
  cap.textContent = caption;
  element.append(cap);
  const head = document.createElement('thead');
  const tr = document.createElement('tr');
  headers.forEach((header, i) => {
    const th = document.createElement('th');
    th.scope = 'col';
    th.textContent = header;
    if (i > 0) th.className = 'num';
    tr.append(th);
  });
  head.append(tr);
  const body = document.createElement('tbody');
  for (const row of rows) body.append(row);
  element.append(head, body);
  return element;
}

function row(label, cells, className) {
  const tr = document.createElement('tr');
  if (className) tr.className = className;
  const th = document.createElement('th');
  th.scope = 'row';
  th.textContent = label;
  tr.append(th, ...cells);
  return tr;
}

function place(id, element) {
  const wrap = $(id);
  wrap.replaceChildren(element);
  // A table wider than its panel scrolls: keyboard users can focus and scroll it too.
  wrap.tabIndex = 0;
  wrap.setAttribute('role', 'region');
  wrap.setAttribute('aria-label', element.querySelector('caption')?.textContent ?? t.table);
}

/** A headline figure: the value, or "gesperrt" with the reason. */
function headline(id, text, suppressed, raw) {
  const element = $(id);
  element.textContent = suppressed ? t.suppressed : text;
  element.dataset.suppressed = String(Boolean(suppressed));
  element.dataset.value = raw === null || raw === undefined ? '' : String(raw);
  element.title = suppressed ? t.suppressedNote : '';
}

const percentValue = (answer) =>
  answer.suppressed || answer.value === null ? null : answer.value * 100;

function drawChart(id, config, summary) {
  const canvas = $(id);
  canvas.setAttribute('aria-label', summary);
  $(`${id}-summary`).textContent = summary;
  // Suppressed values are gaps (null), never 0: say so below the chart.
  const gaps = config.data.datasets[0].data.filter((value) => value === null).length;
  let note = $(`${id}-note`);
  if (!note) {
    note = document.createElement('p');
    note.id = `${id}-note`;
    note.className = 'chart-note';
    canvas.closest('figure').after(note);
  }
  note.textContent = gaps > 0 ? t.chartGaps(gaps) : '';
  note.hidden = gaps === 0;
  const existing = charts.get(id);
  if (existing) {
    existing.data = config.data;
    existing.options = config.options;
    existing.update('none');
    return;
  }
  charts.set(id, new Chart(canvas, config));
}

const PALETTE = ['#0b5394', '#b45f06', '#38761d', '#741b47', '#134f5c'];

function baseOptions(percent) {
  return {
    animation: false,
    responsive: true,
    maintainAspectRatio: false,
    plugins: {
      legend: { display: false },
      tooltip: {
        callbacks: {
          label: (ctx) =>
            ctx.raw === null
              ? t.suppressed
              : `${ctx.dataset.label}: ${percent ? t.percent(ctx.raw / 100) : t.number(ctx.raw)}`,
        },
      },
    },
    scales: {
      y: {
        beginAtZero: true,
        ticks: { callback: (value) => (percent ? `${t.number(value)} %` : t.number(value)) },
      },
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Panels

function renderK2(data) {
  const items = data.series;
  const chosen = items.at(-1);
  headline('k2-value', fmtPercent(chosen.value), chosen.suppressed, chosen.value);
  $('k2-value').dataset.numerator = chosen.numerator === null ? '' : String(chosen.numerator);
  $('k2-detail').textContent = chosen.suppressed
    ? t.suppressedNote
    : `${t.monthName(chosen.month)}${chosen.provisional ? ` (${t.provisional})` : ''}: ${fmtNumber(
        chosen.numerator,
      )} ${t.colIntegrations} / ${fmtNumber(chosen.denominator)} ${t.colAvgStock}`;
  $('k2-definition').textContent = `${t.definition}: ${chosen.definition}`;

  const labels = items.map((item) => t.monthName(item.month));
  const values = items.map(percentValue);
  const provisional = items.map((item) => item.provisional);
  drawChart(
    'chart-k2',
    {
      type: 'line',
      data: {
        labels,
        datasets: [
          {
            label: t.seriesLabel,
            data: values,
            borderColor: PALETTE[0],
            backgroundColor: PALETTE[0],
            spanGaps: false,
            pointRadius: provisional.map((p) => (p ? 6 : 3)),
            pointStyle: provisional.map((p) => (p ? 'rectRot' : 'circle')),
            pointBackgroundColor: provisional.map((p) => (p ? '#ffffff' : PALETTE[0])),
            segment: {
              borderDash: (ctx) => (provisional[ctx.p1DataIndex] ? [6, 4] : undefined),
            },
          },
        ],
      },
      options: baseOptions(true),
    },
    t.k2TrendSummary(
      labels[0],
      labels.at(-1),
      chosen.suppressed ? t.suppressed : fmtPercent(chosen.value),
    ),
  );
  place(
    'table-k2',
    table(
      t.k2Trend,
      [t.colMonth, t.colIntegrations, t.colAvgStock, t.colQuota, t.colStatus],
      items.map((item) =>
        row(
          t.monthName(item.month),
          [
            cell(fmtNumber(item.numerator), { suppressed: item.suppressed }),
            cell(fmtNumber(item.denominator), { suppressed: item.suppressed }),
            cell(fmtPercent(item.value), { suppressed: item.suppressed }),
            cell(item.provisional ? t.provisional : t.final, { numeric: false }),
          ],
          item.provisional ? 'provisional' : undefined,
        ),
      ),
    ),
  );
}

function renderGroups(data) {
  const labels = data.groups.map((answer) => t.targetGroups[answer.targetGroup]);
  drawChart(
    'chart-groups',
    {
      type: 'bar',
      data: {
        labels,
        datasets: [
          {
            label: t.seriesLabel,
            data: data.groups.map(percentValue),
            backgroundColor: data.groups.map((answer) =>
              answer.targetGroup === data.view.targetGroup ? PALETTE[1] : PALETTE[0],
            ),
          },
        ],
      },
      options: baseOptions(true),
    },
    t.k2GroupsSummary,
  );
  place(
    'table-groups',
    table(
      t.k2Groups,
      [t.colGroup, t.colIntegrations, t.colAvgStock, t.colQuota],
      data.groups.map((answer) =>
        row(
          t.targetGroups[answer.targetGroup],
          [
            cell(fmtNumber(answer.numerator), { suppressed: answer.suppressed }),
            cell(fmtNumber(answer.denominator), { suppressed: answer.suppressed }),
            cell(fmtPercent(answer.value), { suppressed: answer.suppressed }),
          ],
          answer.targetGroup === data.view.targetGroup ? 'own' : undefined,
        ),
      ),
    ),
  );
  const chosen = data.groups.find((answer) => answer.targetGroup === data.view.targetGroup);
  $('table-groups').querySelector('table').dataset.testid = 'groups-table';
  $('panel-groups').dataset.chosen = chosen ? chosen.targetGroup : '';
}

function renderQuality(data) {
  const answers = [
    [t.needCovering, data.needCovering, 'need-covering'],
    [t.continuous, data.continuous, 'continuous'],
  ];
  drawChart(
    'chart-quality',
    {
      type: 'bar',
      data: {
        labels: [t.needCoveringShort, t.continuousShort],
        datasets: [
          {
            label: t.colQuota,
            data: answers.map(([, answer]) => percentValue(answer)),
            backgroundColor: [PALETTE[2], PALETTE[3]],
          },
        ],
      },
      options: {
        ...baseOptions(true),
        indexAxis: 'y',
        scales: {
          x: {
            beginAtZero: true,
            max: 100,
            ticks: { callback: (value) => `${t.number(value)} %` },
          },
        },
      },
    },
    t.qualitySummary,
  );
  place(
    'table-quality',
    table(
      t.quality,
      [t.colFigure, t.colNumerator, t.colDenominator, t.colQuota],
      answers.map(([label, answer, key]) => {
        const tr = row(label, [
          cell(fmtNumber(answer.numerator), { suppressed: answer.suppressed }),
          cell(fmtNumber(answer.denominator), { suppressed: answer.suppressed }),
          cell(fmtPercent(answer.value), { suppressed: answer.suppressed }),
        ]);
        tr.dataset.testid = `quality-${key}`;
        return tr;
      }),
    ),
  );
  $('quality-definition').replaceChildren(
    ...answers.map(([label, answer]) => {
      const paragraph = document.createElement('p');
      paragraph.textContent = `${label}: ${answer.definition}`;
      return paragraph;
    }),
  );
}

function renderNeedEnded(data) {
  const answer = data.needEnded;
  const items = answer.breakdown ?? [];
  const label = (key) => t.reasons[key] ?? key;
  drawChart(
    'chart-need-ended',
    {
      type: 'bar',
      data: {
        labels: items.map((item) => label(item.key)),
        datasets: [
          {
            label: t.colCount,
            data: items.map((item) => (item.suppressed ? null : item.numerator)),
            backgroundColor: PALETTE[4],
          },
        ],
      },
      options: baseOptions(false),
    },
    t.needEndedSummary(answer.suppressed ? t.suppressed : fmtNumber(answer.numerator)),
  );
  const rows = items.map((item) =>
    row(label(item.key), [
      cell(fmtNumber(item.numerator), { suppressed: item.suppressed }),
      cell(fmtPercent(item.value), { suppressed: item.suppressed }),
    ]),
  );
  rows.push(
    row(t.total, [
      cell(fmtNumber(answer.numerator), { suppressed: answer.suppressed }),
      cell(fmtPercent(answer.value), { suppressed: answer.suppressed }),
    ]),
  );
  const element = table(t.needEnded, [t.colReason, t.colCount, t.colRate], rows);
  if (items.length === 0)
    element.querySelector('caption').textContent = `${t.needEnded} – ${t.noNeedEnded}`;
  place('table-need-ended', element);
  showDefinition('need-ended-definition', answer);
}

function renderK3(data) {
  const answer = data.k3;
  const signed = fmtChange(answer.value);
  headline('k3-value', signed, answer.suppressed, answer.value);
  $('k3-detail').textContent = answer.suppressed
    ? t.suppressedNote
    : `${t.lzbNow}: ${fmtNumber(answer.numerator)} · ${t.lzbYearAgo}: ${fmtNumber(answer.denominator)}`;
  drawChart(
    'chart-k3',
    {
      type: 'bar',
      data: {
        labels: [t.lzbYearAgo, t.lzbNow],
        datasets: [
          {
            label: t.k3,
            data: answer.suppressed ? [null, null] : [answer.denominator, answer.numerator],
            backgroundColor: [PALETTE[0], PALETTE[1]],
          },
        ],
      },
      options: baseOptions(false),
    },
    t.k3Summary(
      answer.suppressed ? t.suppressed : fmtNumber(answer.numerator),
      answer.suppressed ? t.suppressed : fmtNumber(answer.denominator),
    ),
  );
  place(
    'table-k3',
    table(
      t.k3,
      [t.colFigure, t.colValue],
      [
        row(t.lzbYearAgo, [cell(fmtNumber(answer.denominator), { suppressed: answer.suppressed })]),
        row(t.lzbNow, [cell(fmtNumber(answer.numerator), { suppressed: answer.suppressed })]),
        row(t.k3Change, [cell(signed, { suppressed: answer.suppressed })]),
      ],
    ),
  );
  showDefinition('k3-definition', answer);
}

function renderOccupancy(data) {
  const answer = data.occupancy;
  const items = answer.breakdown ?? [];
  const label = (item) => item.label ?? item.key;
  drawChart(
    'chart-occupancy',
    {
      type: 'bar',
      data: {
        labels: items.map((item) => {
          const text = label(item);
          return text.length > 28 ? `${text.slice(0, 27)}…` : text;
        }),
        datasets: [
          {
            label: t.participants,
            data: items.map((item) => (item.suppressed ? null : item.numerator)),
            backgroundColor: PALETTE[0],
          },
          {
            label: t.planned,
            data: items.map((item) => item.denominator),
            backgroundColor: '#9fc5e8',
          },
        ],
      },
      options: {
        ...baseOptions(false),
        indexAxis: 'y',
        scales: { x: { beginAtZero: true } },
        plugins: { ...baseOptions(false).plugins, legend: { display: true, position: 'bottom' } },
      },
    },
    t.occupancySummary,
  );
  const rows = items.map((item) =>
    row(label(item), [
      cell(fmtNumber(item.numerator), { suppressed: item.suppressed }),
      cell(fmtNumber(item.denominator), { suppressed: item.suppressed }),
      cell(fmtNumber(item.entries), { suppressed: item.suppressed }),
      cell(fmtPercent(item.value), { suppressed: item.suppressed }),
    ]),
  );
  rows.push(
    row(t.total, [
      cell(fmtNumber(answer.numerator), { suppressed: answer.suppressed }),
      cell(fmtNumber(answer.denominator), { suppressed: answer.suppressed }),
      cell(t.noValue),
      cell(fmtPercent(answer.value), { suppressed: answer.suppressed }),
    ]),
  );
  const element = table(
    t.occupancy,
    [t.colMeasure, t.colParticipants, t.colPlanned, t.colEntries, t.colOccupancy],
    rows,
  );
  if (items.length === 0)
    element.querySelector('caption').textContent = `${t.occupancy} – ${t.noMeasures}`;
  place('table-occupancy', element);
  showDefinition('occupancy-definition', answer);
}

function renderRanking(data) {
  const { ranking, view } = data;
  const national = principal.tenant === NATIONAL;
  const own = ranking.jobcenters.find((entry) => entry.jobcenter === view.jobcenter);
  const rankText = !own
    ? t.noValue
    : own.rank === null
      ? t.unranked
      : t.rank(own.rank, ranking.ranked);
  $('rank').textContent = rankText;
  $('rank').dataset.rank = own && own.rank !== null ? String(own.rank) : '';
  $('rank').dataset.of = String(ranking.ranked);
  $('ranking-legend').textContent =
    `${t.rankingLegend(ranking.ranked, ranking.jobcenters.length)} ${
      national ? (view.jobcenter === NATIONAL ? '' : t.rankingOwnNote) : t.rankingOnlyNational
    }`;
  const entries = national
    ? ranking.jobcenters
    : ranking.jobcenters.filter((entry) => entry === own);
  const rows = entries.map((entry) => {
    const tr = document.createElement('tr');
    if (entry.jobcenter === view.jobcenter) {
      tr.className = 'own';
      tr.setAttribute('aria-current', 'true');
    }
    const th = document.createElement('th');
    th.scope = 'row';
    th.textContent = entry.rank === null ? t.noValue : String(entry.rank);
    const name = document.createElement('td');
    name.textContent = entry.jobcenter;
    tr.dataset.jobcenter = entry.jobcenter;
    tr.append(
      th,
      name,
      cell(fmtNumber(entry.numerator), { suppressed: entry.suppressed }),
      cell(fmtNumber(entry.denominator), { suppressed: entry.suppressed }),
      cell(fmtPercent(entry.value), { suppressed: entry.suppressed }),
    );
    return tr;
  });
  place(
    'table-ranking',
    table(
      t.ranking,
      [t.colRank, t.colJobcenter, t.colIntegrations, t.colAvgStock, t.colQuota],
      rows,
    ),
  );
  // The first header is the rank; the Jobcenter's name is text.
  $('table-ranking').querySelectorAll('thead th')[1].className = '';

  if (national) {
    const select = $('filter-jobcenter');
    const known = new Set([NATIONAL, ...ranking.jobcenters.map((entry) => entry.jobcenter)]);
    if (select.options.length !== known.size) fillJobcenters([...known]);
  }
}

/** Every figure of the catalogue: its value (change figures as a rate of change), definitions. */
function renderOverview(data) {
  const rows = data.indicators.map((entry) => {
    const legal = cell(entry.legalBasis ?? t.ownFigure, { numeric: false });
    let tr;
    if (entry.computable) {
      const answer = data.answers.get(entry.name);
      const { suppressed } = answer;
      const value = cell(fmtFigure(entry, answer), { suppressed });
      value.dataset.value = answer.value === null ? '' : String(answer.value);
      tr = row(
        entry.title,
        [
          legal,
          cell(fmtNumber(answer.numerator), { suppressed }),
          cell(fmtNumber(answer.denominator), { suppressed }),
          value,
        ],
        answer.provisional ? 'provisional' : undefined,
      );
    } else {
      tr = row(entry.title, [legal, cell(t.noValue), cell(t.noValue), cell(t.notComputable)]);
    }
    tr.dataset.indicator = entry.name;
    return tr;
  });
  place(
    'table-overview',
    table(
      t.overview,
      [t.colFigure, t.colLegalBasis, t.colNumerator, t.colDenominator, t.colValue],
      rows,
    ),
  );
  $('table-overview').querySelectorAll('thead th')[1].className = '';
  $('overview-definitions').replaceChildren(
    ...data.indicators.flatMap((entry) => {
      const term = document.createElement('dt');
      term.textContent = entry.title;
      const description = document.createElement('dd');
      description.textContent = entry.computable
        ? entry.definition
        : `${entry.definition} ${entry.reason}`;
      description.dataset.indicator = entry.name;
      return [term, description];
    }),
  );
}

function render(data) {
  renderK2(data);
  renderGroups(data);
  renderQuality(data);
  renderNeedEnded(data);
  renderK3(data);
  renderOccupancy(data);
  renderRanking(data);
  renderOverview(data);
}

// ---------------------------------------------------------------------------------------------
// Filters, language, messages

function option(value, label) {
  const element = document.createElement('option');
  element.value = value;
  element.textContent = label;
  return element;
}

function fillJobcenters(ids) {
  const select = $('filter-jobcenter');
  const list = [...new Set([...ids, filters.jobcenter])];
  select.replaceChildren(...list.map((id) => option(id, id === NATIONAL ? t.allJobcenters : id)));
  select.value = filters.jobcenter;
}

function fillFilters() {
  const national = principal.tenant === NATIONAL;
  const known =
    lastData && national ? lastData.ranking.jobcenters.map((entry) => entry.jobcenter) : [];
  fillJobcenters(national ? [NATIONAL, ...known] : [principal.tenant]);
  $('filter-targetGroup').replaceChildren(
    ...TARGET_GROUPS.map((group) => option(group, t.targetGroups[group])),
  );
  $('filter-gender').replaceChildren(...GENDERS.map((gender) => option(gender, t.genders[gender])));
  $('filter-month').value = filters.month;
  $('filter-targetGroup').value = filters.targetGroup;
  $('filter-gender').value = filters.gender;
}

function applyLanguage() {
  const english = t === messages('en');
  document.documentElement.lang = english ? 'en' : 'de';
  document.title = t.title;
  for (const element of document.querySelectorAll('[data-i18n]')) {
    const text = t[element.dataset.i18n];
    if (typeof text === 'string') element.textContent = text;
  }
  const switcher = $('language');
  switcher.textContent = t.switchLanguage;
  switcher.lang = english ? 'de' : 'en';
  const state = $('live-status').dataset.state;
  $('live-status').textContent =
    state === 'live' ? t.live : state === 'connecting' ? t.connecting : t.disconnected;
  if (!$('last-update').getAttribute('datetime')) $('last-update').textContent = t.lastUpdateNever;
  else $('last-update').textContent = t.time(new Date($('last-update').getAttribute('datetime')));
}

function showError(text, detail) {
  const box = $('error');
  const strong = document.createElement('span');
  strong.textContent = text;
  box.replaceChildren(strong);
  if (detail) {
    const more = document.createElement('span');
    more.className = 'detail';
    more.textContent = ` ${detail}`;
    box.append(more);
  }
  box.hidden = false;
}

function hideError() {
  $('error').hidden = true;
  $('error').replaceChildren();
}

/** 401/403: no figures at all; a bad or foreign token is forgotten, the user may sign in again. */
function turnAway(error) {
  const reason = error.problem.detail ?? error.problem.title ?? String(error.status);
  showError(`${t.noAccess}: ${reason}`, error.status === 401 ? t.signInAgain : '');
  lastData = null;
  for (const chart of charts.values()) chart.destroy();
  charts.clear();
  $('dashboard').hidden = true;
  closeStream();
  setLive('off');
  if (error.problem.code === 'forbidden-jobcenter') {
    // The token is fine, the URL asked for another Jobcenter: offer the own one.
    $('dashboard').hidden = false;
    $('panels').hidden = true;
    return;
  }
  sessionStorage.removeItem(TOKEN_KEY);
  token = null;
  $('identity').hidden = true;
  $('sign-in').hidden = false;
}

function setLive(state) {
  const element = $('live-status');
  element.dataset.state = state;
  element.textContent =
    state === 'live' ? t.live : state === 'connecting' ? t.connecting : t.disconnected;
}

// ---------------------------------------------------------------------------------------------
// Live updates

function closeStream() {
  if (stream) stream.close();
  stream = null;
}

function openStream() {
  closeStream();
  setLive('connecting');
  const source = new EventSource(`/v1/statistics/stream?access_token=${encodeURIComponent(token)}`);
  stream = source;
  let wasDown = false;
  source.addEventListener('ready', () => {
    setLive('live');
    if (wasDown) scheduleReload(); // changes may have been missed while disconnected
    wasDown = false;
  });
  source.addEventListener('statistics-changed', (event) => {
    let changed;
    try {
      changed = JSON.parse(event.data).jobcenters ?? [];
    } catch {
      changed = [];
    }
    if (
      filters.jobcenter === NATIONAL ||
      changed.includes(filters.jobcenter) ||
      principal.tenant === NATIONAL
    )
      scheduleReload();
  });
  source.addEventListener('error', () => {
    if (stream !== source) return;
    wasDown = true;
    setLive('off');
  });
}

/** Several changes in quick succession give one reload. */
function scheduleReload() {
  clearTimeout(reloadTimer);
  reloadTimer = setTimeout(() => void reload(), 150);
}

// ---------------------------------------------------------------------------------------------
// Start

function signedIn() {
  principal = decodeToken(token);
  $('identity-tenant').textContent = principal.tenant === NATIONAL ? t.national : principal.tenant;
  $('identity-roles').textContent = principal.roles.join(', ') || '?';
  $('identity').hidden = false;
  $('sign-in').hidden = true;
  $('panels').hidden = false;
  filters = readFilters();
  writeUrl(false);
  fillFilters();
  openStream();
  void reload();
}

function onFilterChange(event) {
  const name = event.target.name;
  const value = event.target.value;
  if (name === 'month' && !MONTH.test(value)) return;
  filters = { ...filters, [name]: value };
  writeUrl(true);
  $('panels').hidden = false;
  void reload();
}

function start() {
  const fragment = new URLSearchParams(location.hash.slice(1));
  if (fragment.get('token')) {
    sessionStorage.setItem(TOKEN_KEY, fragment.get('token'));
    history.replaceState(null, '', `${location.pathname}${location.search}`);
  }
  applyLanguage();
  $('sign-in-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const value = $('token-input').value.trim();
    if (!value) return;
    sessionStorage.setItem(TOKEN_KEY, value);
    $('token-input').value = '';
    hideError();
    token = value;
    signedIn();
  });
  $('sign-out').addEventListener('click', () => {
    sessionStorage.removeItem(TOKEN_KEY);
    token = null;
    closeStream();
    setLive('off');
    for (const chart of charts.values()) chart.destroy();
    charts.clear();
    lastData = null;
    $('dashboard').hidden = true;
    $('identity').hidden = true;
    $('sign-in').hidden = false;
    $('token-input').focus();
  });
  $('language').addEventListener('click', () => {
    t = t === messages('en') ? messages('de') : messages('en');
    applyLanguage();
    if (filters) {
      writeUrl(false);
      fillFilters();
      if (token)
        $('identity-tenant').textContent =
          principal.tenant === NATIONAL ? t.national : principal.tenant;
      if (lastData) render(lastData);
      // Titles and definitions come from the API in the page's language.
      if (token) void reload();
    } else {
      const query = new URLSearchParams(location.search);
      if (t === messages('en')) query.set('lang', 'en');
      else query.delete('lang');
      const search = query.toString();
      history.replaceState(null, '', `${location.pathname}${search ? `?${search}` : ''}`);
    }
  });
  for (const id of ['filter-jobcenter', 'filter-month', 'filter-targetGroup', 'filter-gender'])
    $(id).addEventListener('change', onFilterChange);
  $('filters').addEventListener('submit', (event) => event.preventDefault());
  window.addEventListener('popstate', () => {
    if (!token) return;
    filters = readFilters();
    fillFilters();
    void reload();
  });

  token = sessionStorage.getItem(TOKEN_KEY);
  if (token) signedIn();
  else {
    $('sign-in').hidden = false;
    $('token-input').focus();
  }
}

start();
