// The labour-market programme every demo Jobcenter offers each year, as the API's request bodies.

/** The measures offered, with the share of assignments each gets. */
export const DEMO_MEASURES = [
  {
    measureId: 'AKT',
    title: 'Aktivierung und berufliche Eingliederung',
    kind: 'activation',
    share: 0.35,
  },
  {
    measureId: 'JT-SPRACHE',
    title: 'Job-Turbo: Berufssprachkurs mit Praktikum',
    kind: 'vocational-training',
    share: 0.2,
  },
  { measureId: 'EGZ', title: 'Eingliederungszuschuss', kind: 'wage-subsidy', share: 0.1 },
  {
    measureId: 'BEWERBUNG',
    title: 'Bewerbungstraining',
    kind: 'job-application-training',
    share: 0.2,
  },
  {
    measureId: 'COACHING',
    title: 'Ganzheitliches Coaching (§ 16k SGB II)',
    kind: 'coaching',
    share: 0.15,
  },
] as const;

/** A year's programme: each measure offered in November, approved by the board in December. */
export function demoProgramme(
  year: number,
  clients: number,
): { measures: Record<string, unknown>[]; approval: Record<string, unknown> } {
  return {
    measures: DEMO_MEASURES.map((measure) => ({
      measureId: measure.measureId,
      title: measure.title,
      kind: measure.kind,
      plannedPlaces: Math.max(2, Math.round((clients * measure.share) / 8)),
      targetGroups: measure.measureId === 'JT-SPRACHE' ? ['refugee-ukraine'] : ['all'],
      offeredOn: `${year - 1}-11-15`,
    })),
    approval: { approvedOn: `${year - 1}-12-10` },
  };
}
