import { INDICATOR_NAMES } from './indicators.js';
import {
  INDICATOR_TEXTS,
  LANGUAGES,
  NOT_COMPUTABLE_NAMES,
  indicatorTexts,
} from './indicator-texts.js';

const computed: readonly string[] = INDICATOR_NAMES;

it.each(INDICATOR_NAMES)('%s has a title and a definition in German and English', (name) => {
  const texts = indicatorTexts(name);
  for (const language of LANGUAGES) {
    expect(texts[language].title.trim()).not.toBe('');
    expect(texts[language].definition.length).toBeGreaterThan(60);
  }
  // Two languages, not one text twice: the German says Stichtag, the English reference day.
  expect(texts.de.definition).not.toBe(texts.en.definition);
  expect(texts.de.definition).toContain('Stichtag');
  expect(texts.en.definition).toContain('reference day');
  expect(texts.en.definition).not.toMatch(/\b(der|die|das|und)\b/u);
});

it('names K1 and K1E1 as not computable, with the reason, and computes neither', () => {
  expect([...NOT_COMPUTABLE_NAMES].sort()).toEqual([
    'housing-benefits-change',
    'living-benefits-change',
  ]);
  for (const name of NOT_COMPUTABLE_NAMES) {
    expect(computed).not.toContain(name);
    const reason = indicatorTexts(name).notComputable!;
    expect(reason.de).toContain('Leistungsanspruch');
    expect(reason.en).toContain('Leistungsanspruch');
  }
  expect(indicatorTexts('living-benefits-change').code).toBe('K1');
  expect(indicatorTexts('housing-benefits-change').code).toBe('K1E1');
});

it('gives every § 48a figure its paragraph: Kn in § n+3 Abs. 1, KnEm in § n+3 Abs. 2 Nr. m', () => {
  const codes = Object.values(INDICATOR_TEXTS).flatMap((texts) =>
    texts.code === null ? [] : [texts.code],
  );
  expect(new Set(codes).size).toBe(codes.length);
  for (const [name, texts] of Object.entries(INDICATOR_TEXTS)) {
    if (texts.code === null) {
      expect({ name, legalBasis: texts.legalBasis }).toEqual({ name, legalBasis: null });
      continue;
    }
    const [, figure, supplement] = /^K(\d)(?:E(\d))?$/u.exec(texts.code)!;
    const paragraph = Number(figure) + 3;
    const expected =
      supplement === undefined
        ? `§ ${paragraph} Abs. 1 SGB2§48aFKV`
        : `§ ${paragraph} Abs. 2 Nr. ${supplement} SGB2§48aFKV`;
    expect({ name, legalBasis: texts.legalBasis }).toEqual({ name, legalBasis: expected });
    for (const language of LANGUAGES) expect(texts[language].title).toMatch(`${texts.code} `);
  }
  // The regulation's eleven figures K1 … K3E4 (as amended 2019), all named.
  expect(codes.sort()).toEqual(
    ['K1', 'K1E1', 'K1E2', 'K1E3', 'K1E4', 'K2', 'K2E1', 'K2E2', 'K2E3', 'K2E4']
      .concat(['K3', 'K3E1', 'K3E2', 'K3E3', 'K3E4'])
      .sort(),
  );
});

it('marks the quotients of a month and the same month a year earlier as change figures', () => {
  const change = Object.entries(INDICATOR_TEXTS)
    .filter(([, texts]) => texts.changeFigure)
    .map(([, texts]) => texts.code);
  expect(change.sort()).toEqual(['K1', 'K1E1', 'K1E2', 'K3']);
  for (const texts of Object.values(INDICATOR_TEXTS)) {
    expect(texts.de.definition.includes('Veränderungsrate')).toBe(texts.changeFigure);
    expect(texts.en.definition.includes('rate of change')).toBe(texts.changeFigure);
  }
});

it('has texts only for computed figures and those marked not computable', () => {
  const known = new Set([...computed, ...NOT_COMPUTABLE_NAMES]);
  expect(Object.keys(INDICATOR_TEXTS).filter((name) => !known.has(name))).toEqual([]);
  expect(() => indicatorTexts('happiness')).toThrow('happiness');
});
