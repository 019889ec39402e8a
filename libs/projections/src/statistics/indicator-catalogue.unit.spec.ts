import { indicatorCatalogue } from './indicator-catalogue.js';
import { INDICATOR_NAMES, INDICATORS } from './indicators.js';
import { LANGUAGES, NOT_COMPUTABLE_NAMES, indicatorTexts } from './indicator-texts.js';

it.each(LANGUAGES)('lists every computed figure and the not computable ones (%s)', (language) => {
  const catalogue = indicatorCatalogue(language);
  const names = catalogue.map((entry) => entry.name);
  expect(new Set(names).size).toBe(names.length);
  expect([...names].sort()).toEqual([...INDICATOR_NAMES, ...NOT_COMPUTABLE_NAMES].sort());
  for (const entry of catalogue) {
    const texts = indicatorTexts(entry.name);
    expect(entry).toMatchObject({
      code: texts.code,
      legalBasis: texts.legalBasis,
      title: texts[language].title,
      definition: texts[language].definition,
      changeFigure: texts.changeFigure,
    });
  }
});

it('gives a computed figure its months and no reason, a not computable one its reason only', () => {
  const de = indicatorCatalogue('de');
  for (const name of INDICATOR_NAMES) {
    const entry = de.find((e) => e.name === name)!;
    expect(entry).toEqual(
      expect.objectContaining({
        computable: true,
        lookBack: INDICATORS[name].lookBack,
        followUp: INDICATORS[name].followUp,
      }),
    );
    expect(entry).not.toHaveProperty('reason');
  }
  const k1 = de.find((e) => e.name === 'living-benefits-change')!;
  expect(k1).toMatchObject({ code: 'K1', computable: false, changeFigure: true });
  expect(k1.reason).toMatch(/^Nicht berechenbar: .*Leistungsanspruch/u);
  expect(k1).not.toHaveProperty('lookBack');
  expect(indicatorCatalogue('en').find((e) => e.name === 'living-benefits-change')!.reason).toMatch(
    /^Not computable: .*Leistungsanspruch/u,
  );
});

it('starts with the regulation’s figures in its order, then teilhabe’s own', () => {
  const codes = indicatorCatalogue('en').map((entry) => entry.code);
  const official = codes.filter((code) => code !== null);
  expect(codes.slice(0, official.length)).toEqual(official);
  const order = (code: string) => code.replace(/^K(\d)$/u, 'K$1E0');
  expect(official.map(order)).toEqual([...official.map(order)].sort());
});
