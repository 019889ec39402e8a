/**
 * What each figure is, in German and English: the regulation's code and paragraph, a title and a
 * definition written from the method (docs/statistics-method.md). The German texts use the
 * regulation's terms; the English ones say the same and keep the legal names in German.
 */

export const LANGUAGES = ['de', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
/** English, so that answers to requests without `lang` keep their language. */
export const DEFAULT_LANGUAGE: Language = 'en';

export interface IndicatorText {
  readonly title: string;
  readonly definition: string;
}

export interface IndicatorTexts {
  /** The code in the SGB2§48aFKV (K2, K2E1, …); null for teilhabe's own figures. */
  readonly code: string | null;
  /** Paragraph of the SGB2§48aFKV that defines the figure; null for teilhabe's own figures. */
  readonly legalBasis: string | null;
  /**
   * A month against the same month a year earlier (K1, K1E1, K1E2, K3): the BA shows the
   * quotient as a rate of change, (value − 1) × 100 %.
   */
  readonly changeFigure: boolean;
  /** Why teilhabe cannot compute the figure; only for figures it never gives a value of. */
  readonly notComputable?: Readonly<Record<Language, string>>;
  readonly de: IndicatorText;
  readonly en: IndicatorText;
}

type Texts = Readonly<Record<Language, string>>;

// Parts that several definitions share, so that one rule reads the same everywhere.

const STICHTAG: Texts = {
  de: 'Stichtag ist der 15. eines Monats; ein Berichtsmonat reicht vom 16. des Vormonats bis zu seinem Stichtag.',
  en: 'The reference day (Stichtag) is the 15th of a month; a reporting month (Berichtsmonat) runs from the 16th of the month before to its reference day.',
};

const ELB: Texts = {
  de: 'Im Bestand der erwerbsfähigen Leistungsberechtigten (ELB) ist am Stichtag jede Person, die dann in einem ihrer Fälle hilfebedürftig ist, einmal, beim Jobcenter ihres zuletzt aufgenommenen hilfebedürftigen Falls.',
  en: 'The stock of erwerbsfähige Leistungsberechtigte (ELB, benefit recipients able to work) on a reference day holds every person in need (hilfebedürftig) then in one of their cases, once, at the Jobcenter of their most recently enrolled case in need.',
};

const LZB: Texts = {
  de: 'Langzeitleistungsbeziehende sind Personen, die am Stichtag erwerbsfähige Leistungsberechtigte (ELB) sind und in den 730 Tagen bis einschließlich zum Stichtag an mindestens 638 Tagen ELB waren (über alle Fälle und Jobcenter, jeder Tag einmal).',
  en: 'Long-term recipients (Langzeitleistungsbeziehende) are persons who are erwerbsfähige Leistungsberechtigte (ELB) on the reference day and were ELB on at least 638 of the 730 days up to and including it (across all cases and Jobcenters, each day once).',
};

const CHANGE: Texts = {
  de: 'Die BA weist den Quotienten als Veränderungsrate aus: (Zähler / Nenner − 1) × 100 %.',
  en: 'The BA shows the quotient as a rate of change: (numerator / denominator − 1) × 100 %.',
};

const ELB_MOVEMENTS: Texts = {
  de: 'Zugang bzw. Abgang ist jeder Wechsel einer Person von „nicht im Bestand“ zu „im Bestand“ eines Jobcenters bzw. umgekehrt an einem Tag des Berichtsmonats, auch mehrfach; ein Wechsel des Jobcenters ist ein Abgang beim alten und ein Zugang beim neuen.',
  en: 'An entry (Zugang) or outflow (Abgang) is every change of a person from “not in the stock” to “in the stock” of a Jobcenter, or back, on a day of the reporting month, several times if so; a move between Jobcenters is an outflow at the old one and an entry at the new one.',
};

const NOT_PART_OF_48A: Texts = {
  de: 'Eigene Größe von teilhabe, keine Kennzahl nach § 48a SGB II.',
  en: 'teilhabe’s own figure, not a key figure under § 48a SGB II.',
};

const NO_LEISTUNGSANSPRUCH: Texts = {
  de: 'Nicht berechenbar: dafür ist der Leistungsanspruch je Bedarfsgemeinschaft (die Leistungsbeträge) nötig, den teilhabe nicht erfasst.',
  en: 'Not computable: it needs the Leistungsanspruch (the benefit amounts per Bedarfsgemeinschaft), which teilhabe does not record.',
};

/** What counts as an integration (K2's rule), for `kinds` of work; `label` names the count. */
function integrationRule(label: Texts, kinds: Texts): Texts {
  return {
    de: `${label.de}: die Aufnahme ${kinds.de} im Berichtsmonat durch eine Person, die am Vorstichtag ELB war, oder im Berichtsmonat davor durch eine Person, die am Vorstichtag neu im Bestand war (am Stichtag davor noch nicht); höchstens eine je Person und Berichtsmonat, gezählt beim Jobcenter des Vorstichtags.`,
    en: `${label.en}: the start of ${kinds.en} in the reporting month by a person who was ELB on the previous reference day, or in the reporting month before by a person who was new in the stock on the previous reference day (not yet on the one before); at most one per person and reporting month, counted at the Jobcenter of the previous reference day.`,
  };
}

const INTEGRATION: Texts = { de: 'Integration', en: 'An integration (Integration) is' };
const INTEGRATION_KINDS: Texts = {
  de: 'einer sozialversicherungspflichtigen Beschäftigung, einer voll qualifizierenden beruflichen Ausbildung oder einer selbständigen Tätigkeit',
  en: 'employment subject to social insurance (sozialversicherungspflichtig), a fully qualifying vocational training or self-employment',
};
const INTEGRATIONS = integrationRule(INTEGRATION, INTEGRATION_KINDS);

/** Joins a figure's own sentences with the shared parts, per language. */
function text(title: Texts, ...sentences: Texts[]): Pick<IndicatorTexts, Language> {
  const join = (language: Language) => sentences.map((s) => s[language]).join(' ');
  return {
    de: { title: title.de, definition: join('de') },
    en: { title: title.en, definition: join('en') },
  };
}

/**
 * Every figure teilhabe computes or names, in the order of the regulation (K1 … K3E4), then its
 * own figures. Keyed by the indicator's name in the API.
 */
export const INDICATOR_TEXTS: Readonly<Record<string, IndicatorTexts>> = {
  'living-benefits-change': {
    code: 'K1',
    legalBasis: '§ 4 Abs. 1 SGB2§48aFKV',
    changeFigure: true,
    notComputable: NO_LEISTUNGSANSPRUCH,
    ...text(
      {
        de: 'K1 Veränderung der Summe der Leistungen zum Lebensunterhalt (ohne Leistungen für Unterkunft und Heizung)',
        en: 'K1 Veränderung der Summe der Leistungen zum Lebensunterhalt (change in the sum of subsistence benefits, without housing and heating)',
      },
      {
        de: 'Summe der Leistungen zum Lebensunterhalt (Bedarfe nach den §§ 20, 21, 23 und 24 Abs. 1 SGB II) im Bezugsmonat / Summe der Leistungen zum Lebensunterhalt im Bezugsmonat des Vorjahres; die BA verwendet dafür den Leistungsanspruch.',
        en: 'Sum of the subsistence benefits (Leistungen zum Lebensunterhalt: needs under §§ 20, 21, 23 and 24 (1) SGB II) in the reference month (Bezugsmonat) / the same sum in the reference month of the year before; the BA uses the Leistungsanspruch for it.',
      },
      CHANGE,
    ),
  },
  'housing-benefits-change': {
    code: 'K1E1',
    legalBasis: '§ 4 Abs. 2 Nr. 1 SGB2§48aFKV',
    changeFigure: true,
    notComputable: NO_LEISTUNGSANSPRUCH,
    ...text(
      {
        de: 'K1E1 Veränderung der Summe der Leistungen für Unterkunft und Heizung',
        en: 'K1E1 Veränderung der Summe der Leistungen für Unterkunft und Heizung (change in the sum of benefits for housing and heating)',
      },
      {
        de: 'Summe der Leistungen für Unterkunft und Heizung im Bezugsmonat / Summe der Leistungen für Unterkunft und Heizung im Bezugsmonat des Vorjahres; die BA verwendet dafür den Leistungsanspruch.',
        en: 'Sum of the benefits for housing and heating (Leistungen für Unterkunft und Heizung) in the reference month (Bezugsmonat) / the same sum in the reference month of the year before; the BA uses the Leistungsanspruch for it.',
      },
      CHANGE,
    ),
  },
  'elb-change': {
    code: 'K1E2',
    legalBasis: '§ 4 Abs. 2 Nr. 2 SGB2§48aFKV',
    changeFigure: true,
    ...text(
      {
        de: 'K1E2 Veränderung der Zahl der erwerbsfähigen Leistungsberechtigten',
        en: 'K1E2 Veränderung der Zahl der erwerbsfähigen Leistungsberechtigten (change in the number of benefit recipients able to work)',
      },
      {
        de: 'Zahl der erwerbsfähigen Leistungsberechtigten (ELB) am Stichtag des Bezugsmonats / Zahl der ELB am Stichtag des Bezugsmonats des Vorjahres.',
        en: 'Number of erwerbsfähige Leistungsberechtigte (ELB, benefit recipients able to work) on the reference day of the reference month (Bezugsmonat) / their number on the reference day of the same month a year earlier.',
      },
      CHANGE,
      ELB,
      STICHTAG,
    ),
  },
  'elb-entry-rate': {
    code: 'K1E3',
    legalBasis: '§ 4 Abs. 2 Nr. 3 SGB2§48aFKV',
    changeFigure: false,
    ...text(
      {
        de: 'K1E3 Durchschnittliche Zugangsrate der erwerbsfähigen Leistungsberechtigten',
        en: 'K1E3 Durchschnittliche Zugangsrate der erwerbsfähigen Leistungsberechtigten (average entry rate of benefit recipients able to work)',
      },
      {
        de: 'Summe der Zugänge erwerbsfähiger Leistungsberechtigter (ELB) in den vergangenen zwölf Berichtsmonaten (Bezugsmonat und die elf davor) / Summe der ELB-Bestände an deren zwölf Stichtagen, also das mit dem Bestand gewichtete Mittel der monatlichen Zugangsraten.',
        en: 'Sum of the entries of erwerbsfähige Leistungsberechtigte (ELB, benefit recipients able to work) in the last twelve reporting months (the reference month and the eleven before) / sum of the ELB stocks on their twelve reference days, that is the stock-weighted mean of the monthly entry rates.',
      },
      ELB_MOVEMENTS,
      ELB,
      STICHTAG,
    ),
  },
  'elb-exit-rate': {
    code: 'K1E4',
    legalBasis: '§ 4 Abs. 2 Nr. 4 SGB2§48aFKV',
    changeFigure: false,
    ...text(
      {
        de: 'K1E4 Durchschnittliche Abgangsrate der erwerbsfähigen Leistungsberechtigten',
        en: 'K1E4 Durchschnittliche Abgangsrate der erwerbsfähigen Leistungsberechtigten (average exit rate of benefit recipients able to work)',
      },
      {
        de: 'Summe der Abgänge erwerbsfähiger Leistungsberechtigter (ELB) in den vergangenen zwölf Berichtsmonaten (Bezugsmonat und die elf davor) / Summe der ELB-Bestände an deren Vorstichtagen (Bezugsmonat −12 bis −1), also das mit dem Bestand gewichtete Mittel der monatlichen Abgangsraten.',
        en: 'Sum of the outflows of erwerbsfähige Leistungsberechtigte (ELB, benefit recipients able to work) in the last twelve reporting months (the reference month and the eleven before) / sum of the ELB stocks on the reference days before each of them (months −12 to −1), that is the stock-weighted mean of the monthly exit rates.',
      },
      ELB_MOVEMENTS,
      ELB,
      STICHTAG,
    ),
  },
  'integration-quota': {
    code: 'K2',
    legalBasis: '§ 5 Abs. 1 SGB2§48aFKV',
    changeFigure: false,
    ...text(
      { de: 'K2 Integrationsquote', en: 'K2 Integrationsquote (integration quota)' },
      {
        de: 'Summe der Integrationen in den vergangenen zwölf Berichtsmonaten (Bezugsmonat und die elf davor) / durchschnittlicher Bestand der erwerbsfähigen Leistungsberechtigten (ELB) an den zwölf Stichtagen vor dem Bezugsmonat.',
        en: 'Sum of the integrations in the last twelve reporting months (the reference month and the eleven before) / average stock of erwerbsfähige Leistungsberechtigte (ELB, benefit recipients able to work) on the twelve reference days before the reference month.',
      },
      INTEGRATIONS,
      ELB,
      STICHTAG,
    ),
  },
  'marginal-employment-quota': {
    code: 'K2E1',
    legalBasis: '§ 5 Abs. 2 Nr. 1 SGB2§48aFKV',
    changeFigure: false,
    ...text(
      {
        de: 'K2E1 Quote der Eintritte in geringfügige Beschäftigung',
        en: 'K2E1 Quote der Eintritte in geringfügige Beschäftigung (entries into marginal employment)',
      },
      {
        de: 'Summe der Eintritte in geringfügige Beschäftigung in den vergangenen zwölf Berichtsmonaten / durchschnittlicher Bestand der erwerbsfähigen Leistungsberechtigten (ELB) an den zwölf Stichtagen vor dem Bezugsmonat.',
        en: 'Sum of the entries into marginal employment (geringfügige Beschäftigung, Minijob) in the last twelve reporting months / average stock of erwerbsfähige Leistungsberechtigte (ELB) on the twelve reference days before the reference month.',
      },
      integrationRule(
        {
          de: 'Eintritt, gezählt wie eine Integration',
          en: 'An entry is counted as an integration is',
        },
        { de: 'einer geringfügigen Beschäftigung', en: 'marginal employment' },
      ),
      ELB,
      STICHTAG,
    ),
  },
  'publicly-funded-quota': {
    code: 'K2E2',
    legalBasis: '§ 5 Abs. 2 Nr. 2 SGB2§48aFKV',
    changeFigure: false,
    ...text(
      {
        de: 'K2E2 Quote der Eintritte in öffentlich geförderte Beschäftigung',
        en: 'K2E2 Quote der Eintritte in öffentlich geförderte Beschäftigung (entries into publicly funded employment)',
      },
      {
        de: 'Summe der Eintritte in öffentlich geförderte Beschäftigung in den vergangenen zwölf Berichtsmonaten / durchschnittlicher Bestand der erwerbsfähigen Leistungsberechtigten (ELB) an den zwölf Stichtagen vor dem Bezugsmonat.',
        en: 'Sum of the entries into publicly funded employment (öffentlich geförderte Beschäftigung) in the last twelve reporting months / average stock of erwerbsfähige Leistungsberechtigte (ELB) on the twelve reference days before the reference month.',
      },
      integrationRule(
        {
          de: 'Eintritt, gezählt wie eine Integration',
          en: 'An entry is counted as an integration is',
        },
        { de: 'einer öffentlich geförderten Beschäftigung', en: 'publicly funded employment' },
      ),
      ELB,
      STICHTAG,
    ),
  },
  'continuous-employment': {
    code: 'K2E3',
    legalBasis: '§ 5 Abs. 2 Nr. 3 SGB2§48aFKV',
    changeFigure: false,
    ...text(
      {
        de: 'K2E3 Kontinuierliche Beschäftigung nach Integration',
        en: 'K2E3 Kontinuierliche Beschäftigung nach Integration (continuous employment after integration)',
      },
      {
        de: 'Summe der kontinuierlichen Beschäftigungen nach Integration / Summe der Integrationen, beide in den zwölf Berichtsmonaten, deren sechs Folgemonate vergangen sind (Bezugsmonat −17 bis −6). Kontinuierlich ist die Beschäftigung, wenn die Person an den Stichtagen jedes der sechs auf die Integration folgenden Monate sozialversicherungspflichtig beschäftigt ist (bei einem beliebigen Arbeitgeber).',
        en: 'Sum of the continuous employments after integration / sum of the integrations, both in the twelve reporting months whose six following months have passed (months −17 to −6). The employment is continuous when the person is in employment subject to social insurance on the reference days of each of the six months after the integration (with any employer).',
      },
      ELB,
      integrationRule(
        {
          de: 'Integration im Sinne dieser Ergänzungsgröße',
          en: 'An integration for this figure is',
        },
        {
          de: 'einer sozialversicherungspflichtigen Beschäftigung',
          en: 'employment subject to social insurance (sozialversicherungspflichtig)',
        },
      ),
      STICHTAG,
    ),
  },
  'single-parent-integration-quota': {
    code: 'K2E4',
    legalBasis: '§ 5 Abs. 2 Nr. 4 SGB2§48aFKV',
    changeFigure: false,
    ...text(
      {
        de: 'K2E4 Integrationsquote der Alleinerziehenden',
        en: 'K2E4 Integrationsquote der Alleinerziehenden (integration quota of single parents)',
      },
      {
        de: 'Die Integrationsquote (K2) der Alleinerziehenden: Summe der Integrationen von Personen, die am Vorstichtag alleinerziehend waren, in den vergangenen zwölf Berichtsmonaten / durchschnittlicher Bestand alleinerziehender erwerbsfähiger Leistungsberechtigter (ELB) an den zwölf Stichtagen vor dem Bezugsmonat.',
        en: 'The integration quota (K2) of single parents (Alleinerziehende): sum of the integrations of persons who were single parents on the previous reference day, in the last twelve reporting months / average stock of single-parent erwerbsfähige Leistungsberechtigte (ELB) on the twelve reference days before the reference month.',
      },
      INTEGRATIONS,
      ELB,
      STICHTAG,
    ),
  },
  'long-term-recipients': {
    code: 'K3',
    legalBasis: '§ 6 Abs. 1 SGB2§48aFKV',
    changeFigure: true,
    ...text(
      {
        de: 'K3 Veränderung des Bestands an Langzeitleistungsbeziehenden',
        en: 'K3 Veränderung des Bestands an Langzeitleistungsbeziehenden (change in the number of long-term recipients)',
      },
      {
        de: 'Zahl der Langzeitleistungsbeziehenden am Stichtag des Bezugsmonats / Zahl der Langzeitleistungsbeziehenden am Stichtag des Bezugsmonats des Vorjahres.',
        en: 'Number of long-term recipients on the reference day of the reference month (Bezugsmonat) / their number on the reference day of the same month a year earlier.',
      },
      CHANGE,
      LZB,
      STICHTAG,
    ),
  },
  'long-term-integration-quota': {
    code: 'K3E1',
    legalBasis: '§ 6 Abs. 2 Nr. 1 SGB2§48aFKV',
    changeFigure: false,
    ...text(
      {
        de: 'K3E1 Integrationsquote der Langzeitleistungsbeziehenden',
        en: 'K3E1 Integrationsquote der Langzeitleistungsbeziehenden (integration quota of long-term recipients)',
      },
      {
        de: 'Summe der Integrationen von Personen, die am Vorstichtag Langzeitleistungsbeziehende waren, in den vergangenen zwölf Berichtsmonaten / durchschnittlicher Bestand an Langzeitleistungsbeziehenden an den zwölf Stichtagen vor dem Bezugsmonat.',
        en: 'Sum of the integrations of persons who were long-term recipients on the previous reference day, in the last twelve reporting months / average number of long-term recipients on the twelve reference days before the reference month.',
      },
      LZB,
      INTEGRATIONS,
      STICHTAG,
    ),
  },
  'long-term-activation-quota': {
    code: 'K3E2',
    legalBasis: '§ 6 Abs. 2 Nr. 2 SGB2§48aFKV',
    changeFigure: false,
    ...text(
      {
        de: 'K3E2 Aktivierungsquote der Langzeitleistungsbeziehenden',
        en: 'K3E2 Aktivierungsquote der Langzeitleistungsbeziehenden (activation quota of long-term recipients)',
      },
      {
        de: 'Zahl der Langzeitleistungsbeziehenden, die am Stichtag des Bezugsmonats in einer begonnenen und noch nicht beendeten Maßnahme sind / Zahl der Langzeitleistungsbeziehenden am Stichtag. Es zählen alle Maßnahmen des Arbeitsmarktprogramms (teilhabe erfasst die Rechtsgrundlage einer Maßnahme nicht).',
        en: 'Number of long-term recipients who are in a measure (Maßnahme) that has started and not yet ended on the reference day of the reference month / number of long-term recipients on that day. Every measure of the Arbeitsmarktprogramm counts (teilhabe does not record a measure’s legal basis).',
      },
      LZB,
      STICHTAG,
    ),
  },
  'long-term-entry-rate': {
    code: 'K3E3',
    legalBasis: '§ 6 Abs. 2 Nr. 3 SGB2§48aFKV',
    changeFigure: false,
    ...text(
      {
        de: 'K3E3 Durchschnittliche Zugangsrate der Langzeitleistungsbeziehenden',
        en: 'K3E3 Durchschnittliche Zugangsrate der Langzeitleistungsbeziehenden (average entry rate of long-term recipients)',
      },
      {
        de: 'Summe der Zugänge in den Langzeitleistungsbezug in den vergangenen zwölf Berichtsmonaten (Bezugsmonat und die elf davor) / Summe der Bestände an Langzeitleistungsbeziehenden an deren zwölf Stichtagen, also das mit dem Bestand gewichtete Mittel der monatlichen Zugangsraten. Zugang: am Stichtag Langzeitleistungsbeziehende, am Vorstichtag nicht; ein Wechsel des Jobcenters ist kein Zugang.',
        en: 'Sum of the entries into long-term receipt in the last twelve reporting months (the reference month and the eleven before) / sum of the numbers of long-term recipients on their twelve reference days, that is the stock-weighted mean of the monthly entry rates. An entry: a long-term recipient on the reference day who was not one on the previous reference day; a move between Jobcenters is no entry.',
      },
      LZB,
      STICHTAG,
    ),
  },
  'long-term-exit-rate': {
    code: 'K3E4',
    legalBasis: '§ 6 Abs. 2 Nr. 4 SGB2§48aFKV',
    changeFigure: false,
    ...text(
      {
        de: 'K3E4 Durchschnittliche Abgangsrate der Langzeitleistungsbeziehenden',
        en: 'K3E4 Durchschnittliche Abgangsrate der Langzeitleistungsbeziehenden (average exit rate of long-term recipients)',
      },
      {
        de: 'Summe der Abgänge aus dem Langzeitleistungsbezug in den vergangenen zwölf Berichtsmonaten (Bezugsmonat und die elf davor) / Summe der Bestände an Langzeitleistungsbeziehenden an deren Vorstichtagen (Bezugsmonat −12 bis −1), also das mit dem Bestand gewichtete Mittel der monatlichen Abgangsraten. Abgang: am Vorstichtag Langzeitleistungsbeziehende, am Stichtag nicht mehr; ein Wechsel des Jobcenters ist kein Abgang.',
        en: 'Sum of the outflows from long-term receipt in the last twelve reporting months (the reference month and the eleven before) / sum of the numbers of long-term recipients on the reference days before each of them (months −12 to −1), that is the stock-weighted mean of the monthly exit rates. An outflow: a long-term recipient on the previous reference day who is no longer one on the reference day; a move between Jobcenters is no outflow.',
      },
      LZB,
      STICHTAG,
    ),
  },
  'need-covering-integrations': {
    code: null,
    legalBasis: null,
    changeFigure: false,
    ...text(
      {
        de: 'Bedarfsdeckende Integrationen',
        en: 'Need-covering integrations (bedarfsdeckende Integrationen)',
      },
      {
        de: 'Anteil der Integrationen der vergangenen zwölf Berichtsmonate, nach denen die Person am Stichtag drei Monate nach dem Berichtsmonat nicht mehr im SGB-II-Leistungsbezug ist: in keinem Jobcenter im Bestand der erwerbsfähigen Leistungsberechtigten (ELB) und nicht wegen Umzugs oder Abgabe an ein anderes Jobcenter während der Hilfebedürftigkeit abgemeldet (dann gehen die Leistungen anderswo weiter). Größe der Integrationsstatistik der BA, keine Kennzahl nach § 48a SGB II.',
        en: 'Share of the integrations of the last twelve reporting months after which the person is no longer in SGB II receipt on the reference day three months after the reporting month: in the stock of erwerbsfähige Leistungsberechtigte (ELB) at no Jobcenter, and not closed as moved or transferred to another Jobcenter while in need (then the benefits go on elsewhere). A figure of the BA’s integration statistics, not a key figure under § 48a SGB II.',
      },
      ELB,
      INTEGRATIONS,
      STICHTAG,
    ),
  },
  'need-ended': {
    code: null,
    legalBasis: null,
    changeFigure: false,
    ...text(
      {
        de: 'Abgänge aus dem Leistungsbezug',
        en: 'Need ended (Abgänge aus dem Leistungsbezug)',
      },
      {
        de: 'Abgänge erwerbsfähiger Leistungsberechtigter (ELB) im Berichtsmonat (wie bei K1E4) / ELB-Bestand am Vorstichtag, aufgeschlüsselt nach dem Grund: der erfasste Grund des Endes der Hilfebedürftigkeit, „Umzug“ beim Wechsel in ein anderes Jobcenter oder bei einer Abmeldung wegen Umzugs oder Abgabe, sonst „sonstiger Grund“.',
        en: 'Outflows of erwerbsfähige Leistungsberechtigte (ELB) in the reporting month (as for K1E4) / ELB stock on the previous reference day, by reason: the recorded reason of the end of need, “moved” for a move to another Jobcenter or a case closed as moved or transferred, otherwise “other”.',
      },
      ELB_MOVEMENTS,
      ELB,
      NOT_PART_OF_48A,
      STICHTAG,
    ),
  },
  'measure-occupancy': {
    code: null,
    legalBasis: null,
    changeFigure: false,
    ...text(
      { de: 'Maßnahmebesetzung', en: 'Measure occupancy (Maßnahmebesetzung)' },
      {
        de: 'Teilnehmende an den Maßnahmen des Arbeitsmarktprogramms des Jahres am Stichtag des Bezugsmonats / geplante Plätze; je Maßnahme auch die Eintritte im Berichtsmonat. Es zählen Personen: wer über zwei Fälle an derselben Maßnahme teilnimmt, zählt einmal.',
        en: 'Participants in the measures of the year’s Arbeitsmarktprogramm on the reference day of the reference month / planned places; per measure also the entries in the reporting month. Persons are counted: someone in the same measure through two cases counts once.',
      },
      NOT_PART_OF_48A,
      STICHTAG,
    ),
  },
  'measure-integration': {
    code: null,
    legalBasis: null,
    changeFigure: false,
    ...text(
      {
        de: 'Integration nach Maßnahmeende',
        en: 'Integration after a measure (Integration nach Maßnahmeende)',
      },
      {
        de: 'Anteil der Personen, die in den vergangenen zwölf Berichtsmonaten eine begonnene Maßnahme beendet oder abgebrochen haben, mit dem Beginn einer Integration (gezählt wie bei K2) in den sechs Monaten nach dem Maßnahmeende; auch je Maßnahme.',
        en: 'Share of the persons who completed or broke off a measure they had started in the last twelve reporting months who began an integration (counted as for K2) in the six months after the measure ended; also per measure.',
      },
      NOT_PART_OF_48A,
      STICHTAG,
    ),
  },
  stock: {
    code: null,
    legalBasis: null,
    changeFigure: false,
    ...text(
      {
        de: 'Bestand an erwerbsfähigen Leistungsberechtigten',
        en: 'Stock of benefit recipients able to work (Bestand an erwerbsfähigen Leistungsberechtigten)',
      },
      {
        de: 'Zahl der erwerbsfähigen Leistungsberechtigten (ELB) am Stichtag des Bezugsmonats, die Grundlage der Kennzahlen.',
        en: 'Number of erwerbsfähige Leistungsberechtigte (ELB, benefit recipients able to work) on the reference day of the reference month, the basis of the key figures.',
      },
      ELB,
      STICHTAG,
    ),
  },
};

/** The names of the figures teilhabe names but cannot compute (K1, K1E1). */
export const NOT_COMPUTABLE_NAMES: readonly string[] = Object.keys(INDICATOR_TEXTS).filter(
  (name) => INDICATOR_TEXTS[name]!.notComputable !== undefined,
);

/** The texts of a figure; every computed indicator has them (indicator-texts.unit.spec.ts). */
export function indicatorTexts(name: string): IndicatorTexts {
  const texts = INDICATOR_TEXTS[name];
  if (texts === undefined) throw new Error(`No texts for the indicator ${name}`);
  return texts;
}

export function isLanguage(value: string): value is Language {
  return (LANGUAGES as readonly string[]).includes(value);
}
