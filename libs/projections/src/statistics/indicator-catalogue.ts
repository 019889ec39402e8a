/**
 * The catalogue of indicators (GET /v1/statistics/indicators): every figure teilhabe computes,
 * and the § 48a figures it cannot, each with its code, legal basis and definition in one language.
 */
import { INDICATORS, isIndicator } from './indicators.js';
import { INDICATOR_TEXTS, type Language } from './indicator-texts.js';

export interface CatalogueEntry {
  readonly name: string;
  readonly code: string | null;
  readonly legalBasis: string | null;
  readonly title: string;
  readonly definition: string;
  readonly computable: boolean;
  /** Only when not computable: why not. */
  readonly reason?: string;
  /** Only when computable: months before the reference month the figure reads. */
  readonly lookBack?: number;
  /** Only when computable: months after the reference month it needs (need-covering: 3). */
  readonly followUp?: number;
  readonly changeFigure: boolean;
}

/**
 * In the order of the texts (the regulation's, then teilhabe's own figures). A name with texts
 * that is neither computed nor marked not computable is left out: it names no figure (yet).
 */
export function indicatorCatalogue(language: Language): CatalogueEntry[] {
  const entries: CatalogueEntry[] = [];
  for (const [name, texts] of Object.entries(INDICATOR_TEXTS)) {
    const common = {
      name,
      code: texts.code,
      legalBasis: texts.legalBasis,
      title: texts[language].title,
      definition: texts[language].definition,
    };
    if (isIndicator(name)) {
      const { lookBack, followUp } = INDICATORS[name];
      entries.push({
        ...common,
        computable: true,
        lookBack,
        followUp,
        changeFigure: texts.changeFigure,
      });
    } else if (texts.notComputable) {
      entries.push({
        ...common,
        computable: false,
        reason: texts.notComputable[language],
        changeFigure: texts.changeFigure,
      });
    }
  }
  return entries;
}
