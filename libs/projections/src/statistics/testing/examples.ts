/**
 * Hand-worked examples of the statistics method over persons (docs/statistics-method.md, issue
 * 16), one per rule, as data: the commands of each case of each person, and the figures they
 * must give, with the arithmetic in comments. Both the reference implementation
 * (reference.examples.unit.spec.ts) and the projection (indicators.persons.examples.int.spec.ts)
 * are held to them. ST(m) is the 15th of m; W(m), the reporting month, runs 16th of m-1 .. 15th of m.
 */
import type { CaseCommand, Gender } from '#domain';

export type ExampleStep = readonly [CaseCommand['type'], Readonly<Record<string, unknown>>];

export interface ExampleCase {
  readonly tenant: string;
  readonly caseId: string;
  readonly enrolledOn: string;
  /** AssignMeasure needs no `programme`: the builder loads the year's programme of the tenant. */
  readonly steps?: readonly ExampleStep[];
  /** This case records the person as a single parent (default: the person's flag). */
  readonly singleParent?: boolean;
}

export interface ExamplePerson {
  /** The person key all their cases share (16+ characters of A-Z, a-z, 0-9, _ or -). */
  readonly key: string;
  /** Date of birth; default 1985-05-20. */
  readonly born?: string;
  readonly gender?: Gender;
  readonly singleParent?: boolean;
  readonly refugee?: boolean;
  readonly cases: readonly ExampleCase[];
}

export interface ExpectedFigure {
  readonly indicator: string;
  /** A Jobcenter, or '*' for all of them together. */
  readonly tenant: string;
  readonly month: string;
  readonly group?: string;
  readonly gender?: string;
  readonly numerator: number;
  readonly denominator: number | null;
  readonly value: number | null;
  /** need-ended: the reasons with outflows; measure figures: the measures (as `comparable`). */
  readonly breakdown?: readonly {
    readonly key: string;
    readonly numerator: number;
    readonly denominator: number | null;
    readonly value: number | null;
    readonly entries?: number;
  }[];
}

export interface Example {
  readonly name: string;
  /** The rule of the method it shows, in the method's words. */
  readonly rule: string;
  readonly programmes?: readonly {
    readonly tenant: string;
    readonly year: number;
    readonly measures: readonly (readonly [string, number])[];
  }[];
  readonly persons: readonly ExamplePerson[];
  readonly figures: readonly ExpectedFigure[];
  /** Whether a month is still provisional on a day. */
  readonly provisional?: readonly {
    readonly indicator: string;
    readonly month: string;
    readonly today: string;
    readonly provisional: boolean;
  }[];
}

const A = 'jc-a';
const B = 'jc-b';
const key = (name: string) => `person-${name}`.padEnd(16, '0');
const insured = (employmentId: string, startedOn: string): ExampleStep => [
  'StartEmployment',
  { employmentId, startedOn, kind: 'insured', subsidised: false },
];
const job = (employmentId: string, startedOn: string, kind: string): ExampleStep => [
  'StartEmployment',
  { employmentId, startedOn, kind, subsidised: false },
];
const endJob = (employmentId: string, endedOn: string): ExampleStep => [
  'EndEmployment',
  { employmentId, endedOn },
];
const endNeed = (endedOn: string, reason: string): ExampleStep => [
  'EndNeedForAssistance',
  { endedOn, reason },
];
const resume = (resumedOn: string): ExampleStep => ['ResumeBenefitReceipt', { resumedOn }];
const closeCase = (closedOn: string, reason: string): ExampleStep => [
  'CloseCase',
  { closedOn, reason },
];
const measure = (assignmentId: string, measureId: string, assignedOn: string): ExampleStep => [
  'AssignMeasure',
  { assignmentId, measureId, assignedOn },
];
const startMeasure = (assignmentId: string, startedOn: string): ExampleStep => [
  'StartMeasure',
  { assignmentId, startedOn },
];
const one = (tenant: string, caseId: string, enrolledOn: string, steps: ExampleStep[] = []) => ({
  tenant,
  caseId,
  enrolledOn,
  steps,
});

export const EXAMPLES: readonly Example[] = [
  {
    name: 'a person with several cases is one person',
    rule: 'Person = all cases (any tenant) with the same personKey; stock(m): persons ELB on ST(m).',
    persons: [
      // p: enrolled 10 Jan 2024, re-enrolled in the same Jobcenter on 1 Mar while the first case
      //    is still open (closed 30 Apr): one person in the stock, no movement on 1 Mar or 1 May
      //    (a change between two cases of the same tenant is no movement).
      {
        key: key('once-p'),
        cases: [
          one(A, 'p1', '2024-01-10', [closeCase('2024-04-30', 'other')]),
          one(A, 'p2', '2024-03-01'),
        ],
      },
      // q: closed on 12 May (last day in need), re-enrolled on 18 May: out of the stock on
      //    ST(May) = 15 May; an outflow on 13 May (May, reason 'other': closed while in need) and
      //    an entry on 18 May (W(June)).
      {
        key: key('once-q'),
        cases: [
          one(A, 'q1', '2024-01-10', [closeCase('2024-05-12', 'other')]),
          one(A, 'q2', '2024-05-18'),
        ],
      },
    ],
    figures: [
      // 15 March: p (both cases in need, counted once) + q = 2, not 3.
      {
        indicator: 'stock',
        tenant: A,
        month: '2024-03',
        numerator: 2,
        denominator: null,
        value: 2,
      },
      {
        indicator: 'stock',
        tenant: '*',
        month: '2024-03',
        numerator: 2,
        denominator: null,
        value: 2,
      },
      // 15 May: p only.
      {
        indicator: 'stock',
        tenant: A,
        month: '2024-05',
        numerator: 1,
        denominator: null,
        value: 1,
      },
      // May: q's outflow / stock on 15 April (p, q) = 1 / 2.
      {
        indicator: 'need-ended',
        tenant: A,
        month: '2024-05',
        numerator: 1,
        denominator: 2,
        value: 0.5,
        breakdown: [{ key: 'other', numerator: 1, denominator: 2, value: 0.5 }],
      },
      // K1E3 Dec 2024: entries Jan 2024-Dec 2024 = p, q in January + q in June = 3; stocks of
      // the same 12 months: Jan-Apr 2 each, May 1, Jun-Dec 2 each = 8 + 1 + 14 = 23.
      {
        indicator: 'elb-entry-rate',
        tenant: A,
        month: '2024-12',
        numerator: 3,
        denominator: 23,
        value: 3 / 23,
      },
      // K1E4 Dec 2024: outflows Jan-Dec 2024 = 1 (q in May); stocks Dec 2023-Nov 2024 = 0 +
      // Jan-Apr 2 each + May 1 + Jun-Nov 2 each = 8 + 1 + 12 = 21.
      {
        indicator: 'elb-exit-rate',
        tenant: A,
        month: '2024-12',
        numerator: 1,
        denominator: 21,
        value: 1 / 21,
      },
    ],
  },
  {
    name: 're-enrolment on the day the old case closed: one stock entry, one integration',
    rule: 'Counted case on d: of the cases in need on d, the one with the greatest (enrolledOn, tenant, caseId). At most one [integration] per person, class and month.',
    persons: [
      // r1 from 1 Nov 2023 starts insured work on 5 Mar 2024 and is closed on 10 Mar; r2 opens
      // on 10 Mar (both in need that day, r2 counts) and records insured work from 12 Mar.
      {
        key: key('sameday'),
        cases: [
          one(A, 'r1', '2023-11-01', [
            insured('e1', '2024-03-05'),
            closeCase('2024-03-10', 'other'),
          ]),
          one(A, 'r2', '2024-03-10', [insured('e2', '2024-03-12')]),
        ],
      },
    ],
    figures: [
      {
        indicator: 'stock',
        tenant: A,
        month: '2024-03',
        numerator: 1,
        denominator: null,
        value: 1,
      },
      // K2 Mar 2024: both starts lie in W(March) (16 Feb-15 Mar), the person was in the stock on
      // 15 Feb: one integration. Denominator: stocks Mar 2023-Feb 2024 = Nov, Dec, Jan, Feb = 4,
      // / 12. 1 / (4 / 12) = 3.
      {
        indicator: 'integration-quota',
        tenant: A,
        month: '2024-03',
        numerator: 1,
        denominator: 4 / 12,
        value: 3,
      },
      // K1E3 Mar 2024: the only entry is in November 2023 (the re-enrolment is none); stocks
      // Apr 2023-Mar 2024 = Nov-Mar = 5.
      {
        indicator: 'elb-entry-rate',
        tenant: A,
        month: '2024-03',
        numerator: 1,
        denominator: 5,
        value: 1 / 5,
      },
      // No outflow in March: stock on 15 Feb = 1.
      {
        indicator: 'need-ended',
        tenant: A,
        month: '2024-03',
        numerator: 0,
        denominator: 1,
        value: 0,
        breakdown: [],
      },
    ],
  },
  {
    name: 'the first window: in the stock on the previous reference day, a start in the reporting month',
    rule: '(1) ELB on ST(m-1) and an X-start s in W(m).',
    persons: [
      // a: enrolled 20 Jan 2024; need ends on 10 Mar; insured work from 15 Mar (the last day of
      //    W(March)): an integration in March although a was no longer in need on the start day.
      {
        key: key('first-a'),
        cases: [
          one(A, 'a', '2024-01-20', [
            endNeed('2024-03-10', 'employment-income'),
            insured('j', '2024-03-15'),
          ]),
        ],
      },
      // b: enrolled 20 Jan 2024; insured work from 16 Mar: W(April), an integration in April.
      { key: key('first-b'), cases: [one(A, 'b', '2024-01-20', [insured('j', '2024-03-16')])] },
    ],
    figures: [
      // Stocks: 15 Jan none, 15 Feb a and b = 2, 15 Mar b = 1.
      // K2 Mar 2024: a = 1; stocks Mar 2023-Feb 2024 = 2; 1 / (2 / 12) = 6.
      {
        indicator: 'integration-quota',
        tenant: A,
        month: '2024-03',
        numerator: 1,
        denominator: 2 / 12,
        value: 6,
      },
      // K2 Apr 2024: a, b = 2; stocks Apr 2023-Mar 2024 = 2 + 1 = 3; 2 / (3 / 12) = 8.
      {
        indicator: 'integration-quota',
        tenant: A,
        month: '2024-04',
        numerator: 2,
        denominator: 3 / 12,
        value: 8,
      },
    ],
  },
  {
    name: 'the second window: new entrants are counted a month later, if still in the stock',
    rule: '(2) ELB on ST(m-1), NOT ELB on ST(m-2), and an X-start s in W(m-1) (the BA\u2019s second window).',
    persons: [
      // c: enrolled 20 Feb 2024 (after ST(Feb)), insured work from 5 Mar (W(March)); in the stock
      //    on 15 Mar, not on 15 Feb: the integration is April's.
      { key: key('second-c'), cases: [one(A, 'c', '2024-02-20', [insured('j', '2024-03-05')])] },
      // d: the same, but need ends on 10 Mar: not in the stock on 15 Mar, never counted.
      {
        key: key('second-d'),
        cases: [
          one(A, 'd', '2024-02-20', [
            insured('j', '2024-03-05'),
            endNeed('2024-03-10', 'employment-income'),
          ]),
        ],
      },
      // e: in the stock from 1 Jun 2023, for a denominator.
      { key: key('second-e'), cases: [one(A, 'e', '2023-06-01')] },
    ],
    figures: [
      // K2 Mar 2024: no integration; stocks Mar 2023-Feb 2024 = e in Jun-Feb = 9.
      {
        indicator: 'integration-quota',
        tenant: A,
        month: '2024-03',
        numerator: 0,
        denominator: 9 / 12,
        value: 0,
      },
      // K2 Apr 2024: c = 1; stocks Apr 2023-Mar 2024 = e 10 (Jun-Mar) + c on 15 Mar = 11.
      {
        indicator: 'integration-quota',
        tenant: A,
        month: '2024-04',
        numerator: 1,
        denominator: 11 / 12,
        value: 12 / 11,
      },
    ],
  },
  {
    name: 'the K2 denominator is the mean stock of the 12 months before the reference month',
    rule: 'integration-quota (K2): sum integrations(m-11..m) / mean stock(m-12..m-1).',
    persons: [
      // f: from 1 Jan 2023; insured work from 1 Jul 2024 (W(July), in the stock on 15 Jun).
      { key: key('denom-f'), cases: [one(A, 'f', '2023-01-01', [insured('j', '2024-07-01')])] },
      // g: from 1 Jun 2024, need ends 30 Nov 2024: in the stock 15 Jun-15 Nov = 6 reference days.
      {
        key: key('denom-g'),
        cases: [one(A, 'g', '2024-06-01', [endNeed('2024-11-30', 'other-income')])],
      },
      // h: from 1 Dec 2024: in the stock of the reference month only, so not in the denominator.
      { key: key('denom-h'), cases: [one(A, 'h', '2024-12-01')] },
    ],
    figures: [
      // K2 Dec 2024: f's integration = 1; stocks Dec 2023-Nov 2024 = f 12 + g 6 = 18; mean 1.5.
      // (Jan-Dec 2024 would give 19 / 12.)  1 / 1.5 = 2/3.
      {
        indicator: 'integration-quota',
        tenant: A,
        month: '2024-12',
        numerator: 1,
        denominator: 18 / 12,
        value: 1 / (18 / 12),
      },
    ],
  },
  {
    name: 'LZB: 638 of 730 days across cases and a move, a gap over a month end does not restart',
    rule: 'lzb(m): persons ELB on ST(m) with at least 638 ELB days among the 730 days ST(m)-729 .. ST(m) (any case, any tenant).',
    persons: [
      // l: in A from 1 Jan 2022, out of need 29 Jun-2 Jul 2022 (ended 28 Jun, resumed 3 Jul),
      //    closed as moved on 31 Jan 2023, in B from 1 Feb 2023, in need since.
      //    ELB days up to 15 Sep 2023: 365 (2022) + 258 (1 Jan-15 Sep 2023) - 4 = 619 < 638;
      //    up to 15 Oct 2023: 365 + 288 - 4 = 649 >= 638: LZB from October 2023, at B.
      {
        key: key('lzb-l'),
        cases: [
          one(A, 'l1', '2022-01-01', [
            endNeed('2022-06-28', 'other-income'),
            resume('2022-07-03'),
            closeCase('2023-01-31', 'moved'),
          ]),
          one(B, 'l2', '2023-02-01'),
        ],
      },
    ],
    figures: [
      // K3 Oct 2024 at B: LZB on 15 Oct 2024 = 1 / on 15 Oct 2023 = 1.
      {
        indicator: 'long-term-recipients',
        tenant: B,
        month: '2024-10',
        numerator: 1,
        denominator: 1,
        value: 1,
      },
      // K3 Oct 2023 at B: 1 / 0 a year earlier: no value.
      {
        indicator: 'long-term-recipients',
        tenant: B,
        month: '2023-10',
        numerator: 1,
        denominator: 0,
        value: null,
      },
      // K3E3 Sep 2023 at B: no LZB yet: 0 / 0.
      {
        indicator: 'long-term-entry-rate',
        tenant: B,
        month: '2023-09',
        numerator: 0,
        denominator: 0,
        value: null,
      },
      // K3E3 Oct 2023 at B: the entry in October / LZB Nov 2022-Oct 2023 = 1.
      {
        indicator: 'long-term-entry-rate',
        tenant: B,
        month: '2023-10',
        numerator: 1,
        denominator: 1,
        value: 1,
      },
      // On 15 Feb 2023 the person is in B's stock, not in A's, and once nationally.
      {
        indicator: 'stock',
        tenant: A,
        month: '2023-02',
        numerator: 0,
        denominator: null,
        value: 0,
      },
      {
        indicator: 'stock',
        tenant: B,
        month: '2023-02',
        numerator: 1,
        denominator: null,
        value: 1,
      },
      {
        indicator: 'stock',
        tenant: '*',
        month: '2023-02',
        numerator: 1,
        denominator: null,
        value: 1,
      },
    ],
  },
  {
    name: 'a move between Jobcenters: an ELB outflow and entry, no LZB movement',
    rule: 'if s(d) is another tenant: \u2019moved\u2019 ... A move between Jobcenters is no LZB movement. [An integration is] counted for the tenant of the case counted on ST(m-1).',
    persons: [
      // m: in A from 1 Jan 2021 (LZB from 15 Oct 2022: 365 + 288 = 653 days; 15 Sep: 623),
      //    closed as moved on 10 Mar 2023, enrolled in B the same day (both in need on 10 Mar;
      //    B's later enrolment counts): outflow at A ('moved') and entry at B in March 2023.
      //    Insured work from 12 Mar 2023 (W(March)), recorded in B: counted at A, where m was on
      //    15 Feb.
      {
        key: key('move-m'),
        cases: [
          one(A, 'm1', '2021-01-01', [closeCase('2023-03-10', 'moved')]),
          one(B, 'm2', '2023-03-10', [insured('j', '2023-03-12')]),
        ],
      },
    ],
    figures: [
      // March at A: 1 outflow / stock 15 Feb = 1.
      {
        indicator: 'need-ended',
        tenant: A,
        month: '2023-03',
        numerator: 1,
        denominator: 1,
        value: 1,
        breakdown: [{ key: 'moved', numerator: 1, denominator: 1, value: 1 }],
      },
      // K1E3 Mar 2023 at B: 1 entry / stocks Apr 2022-Mar 2023 at B = 1.
      {
        indicator: 'elb-entry-rate',
        tenant: B,
        month: '2023-03',
        numerator: 1,
        denominator: 1,
        value: 1,
      },
      // Nationally: the move's entry / 12 stocks of one person; its outflow / 12 stocks before.
      {
        indicator: 'elb-entry-rate',
        tenant: '*',
        month: '2023-03',
        numerator: 1,
        denominator: 12,
        value: 1 / 12,
      },
      {
        indicator: 'elb-exit-rate',
        tenant: '*',
        month: '2023-03',
        numerator: 1,
        denominator: 12,
        value: 1 / 12,
      },
      // K3E3 Mar 2023 at B: no LZB entry (LZB on 15 Feb already) / LZB at B Apr 2022-Mar 2023 = 1.
      {
        indicator: 'long-term-entry-rate',
        tenant: B,
        month: '2023-03',
        numerator: 0,
        denominator: 1,
        value: 0,
      },
      // K3E4 Mar 2023 at A: no LZB outflow / LZB at A Mar 2022-Feb 2023 = Oct-Feb = 5.
      {
        indicator: 'long-term-exit-rate',
        tenant: A,
        month: '2023-03',
        numerator: 0,
        denominator: 5,
        value: 0,
      },
      // K3E3 nationally: the entry of October 2022 / LZB Apr 2022-Mar 2023 = Oct-Mar = 6.
      {
        indicator: 'long-term-entry-rate',
        tenant: '*',
        month: '2023-03',
        numerator: 1,
        denominator: 6,
        value: 1 / 6,
      },
      // K2 Mar 2023 at A: 1 / (12 stocks Mar 2022-Feb 2023 / 12) = 1; at B: 0 / 0.
      {
        indicator: 'integration-quota',
        tenant: A,
        month: '2023-03',
        numerator: 1,
        denominator: 1,
        value: 1,
      },
      {
        indicator: 'integration-quota',
        tenant: B,
        month: '2023-03',
        numerator: 0,
        denominator: 0,
        value: null,
      },
      // K3E1 Mar 2023 at A: LZB on 15 Feb: 1 / (LZB Mar 2022-Feb 2023 = 5, / 12) = 2.4.
      {
        indicator: 'long-term-integration-quota',
        tenant: A,
        month: '2023-03',
        numerator: 1,
        denominator: 5 / 12,
        value: 12 / 5,
      },
    ],
  },
  {
    name: 'K2E3: insured on each of the six following reference days; self-employment not followed',
    rule: 'integrations_continuous(m): class-"insured" integration in m and, for every k = 1..6, the person has an insured employment (any case) covering ST(m+k).',
    persons: [
      // All in need from 2 Jan 2023; starts 1-10 Feb 2024 lie in W(February).
      // k1: insured 1 Feb-15 Aug 2024: covers 15 Mar .. 15 Aug: continuous.
      {
        key: key('k2e3-k1'),
        cases: [
          one(A, 'k1', '2023-01-02', [insured('j', '2024-02-01'), endJob('j', '2024-08-15')]),
        ],
      },
      // k2: insured 5 Feb-14 Aug, again from 20 Aug: not insured on 15 Aug: not continuous.
      {
        key: key('k2e3-k2'),
        cases: [
          one(A, 'k2', '2023-01-02', [
            insured('j', '2024-02-05'),
            endJob('j', '2024-08-14'),
            insured('j2', '2024-08-20'),
          ]),
        ],
      },
      // k3: self-employed from 10 Feb: an integration (K2), but not in the K2E3 cohort.
      {
        key: key('k2e3-k3'),
        cases: [one(A, 'k3', '2023-01-02', [job('j', '2024-02-10', 'self-employed')])],
      },
      // k4: insured 1 Feb-30 Apr, another employer from 10 May: insured on every reference day.
      {
        key: key('k2e3-k4'),
        cases: [
          one(A, 'k4', '2023-01-02', [
            insured('j', '2024-02-01'),
            endJob('j', '2024-04-30'),
            insured('j2', '2024-05-10'),
          ]),
        ],
      },
    ],
    figures: [
      // K2E3 Aug 2024: cohort Mar 2023-Feb 2024: insured integrations k1, k2, k4 = 3; continuous
      // k1, k4 = 2.
      {
        indicator: 'continuous-employment',
        tenant: A,
        month: '2024-08',
        numerator: 2,
        denominator: 3,
        value: 2 / 3,
      },
      // Jul 2024: cohort Feb 2023-Jan 2024 holds none.
      {
        indicator: 'continuous-employment',
        tenant: A,
        month: '2024-07',
        numerator: 0,
        denominator: 0,
        value: null,
      },
    ],
  },
  {
    name: 'outflows between reference days, by reason',
    rule: 'Else the case counted on d-1 is not in need on d: if its need ended with endedOn = d-1, that NeedForAssistanceEnded\u2019s reason; else it was closed on d-1 while in need: \u2019moved\u2019 for close reasons moved/transferred, \u2019other\u2019 otherwise.',
    persons: [
      // All enrolled 5 Jan 2024 (W(January)).
      // o1: need ends 20 Mar: out on 21 Mar, W(April), 'employment-income'.
      {
        key: key('out-o1'),
        cases: [one(A, 'o1', '2024-01-05', [endNeed('2024-03-20', 'employment-income')])],
      },
      // o2: out 4-9 Apr (ended 3 Apr, resumed 10 Apr): an outflow and an entry in April.
      {
        key: key('out-o2'),
        cases: [
          one(A, 'o2', '2024-01-05', [endNeed('2024-04-03', 'other-income'), resume('2024-04-10')]),
        ],
      },
      // o3: closed as deceased on 15 Apr while in need: in the stock on 15 Apr, out on 16 Apr:
      //     W(May), 'other'.
      {
        key: key('out-o3'),
        cases: [one(A, 'o3', '2024-01-05', [closeCase('2024-04-15', 'deceased')])],
      },
      // o4: closed as transferred on 1 Apr while in need: out on 2 Apr, W(April), 'moved'.
      {
        key: key('out-o4'),
        cases: [one(A, 'o4', '2024-01-05', [closeCase('2024-04-01', 'transferred')])],
      },
      { key: key('out-o5'), cases: [one(A, 'o5', '2024-01-05')] },
    ],
    figures: [
      // April: o1, o2, o4 = 3 / stock on 15 Mar = 5.
      {
        indicator: 'need-ended',
        tenant: A,
        month: '2024-04',
        numerator: 3,
        denominator: 5,
        value: 0.6,
        breakdown: [
          { key: 'employment-income', numerator: 1, denominator: 5, value: 0.2 },
          { key: 'moved', numerator: 1, denominator: 5, value: 0.2 },
          { key: 'other-income', numerator: 1, denominator: 5, value: 0.2 },
        ],
      },
      // 15 Apr: o2 (back since 10 Apr), o3, o5 = 3 = 5 + 1 entry - 3 outflows.
      {
        indicator: 'stock',
        tenant: A,
        month: '2024-04',
        numerator: 3,
        denominator: null,
        value: 3,
      },
      // May: o3 / 3.
      {
        indicator: 'need-ended',
        tenant: A,
        month: '2024-05',
        numerator: 1,
        denominator: 3,
        value: 1 / 3,
        breakdown: [{ key: 'other', numerator: 1, denominator: 3, value: 1 / 3 }],
      },
      // K1E4 Dec 2024: outflows Jan-Dec 2024 = 4; stocks Dec 2023-Nov 2024 = 0 + 5 + 5 + 5 + 3 +
      // 2 (May) + 6 x 2 (Jun-Nov) = 32.
      {
        indicator: 'elb-exit-rate',
        tenant: A,
        month: '2024-12',
        numerator: 4,
        denominator: 32,
        value: 0.125,
      },
      // K1E3 Dec 2024: entries 5 (January) + 1 (o2 in April) = 6; stocks Jan-Dec 2024 = 5 + 5 +
      // 5 + 3 + 2 + 7 x 2 = 34.
      {
        indicator: 'elb-entry-rate',
        tenant: A,
        month: '2024-12',
        numerator: 6,
        denominator: 34,
        value: 6 / 34,
      },
    ],
  },
  {
    name: 'need-covering integrations: a move is no end of receipt, unless a later case says so',
    rule: 'In receipt on d: ELB(d), or moved away: some case c of the person was closed as moved/transferred while in need on c.closedOn, c.closedOn < d, and no other case of the person has c.closedOn <= enrolledOn <= d.',
    persons: [
      // All in A from 2 Jan 2024, insured work from 1 Mar 2024 (an integration in March at A);
      // checked on ST(June) = 15 Jun.
      // n1: closed as moved on 30 Apr while in need, no later case: still in receipt.
      {
        key: key('cover-n1'),
        cases: [
          one(A, 'n1', '2024-01-02', [
            insured('j', '2024-03-01'),
            closeCase('2024-04-30', 'moved'),
          ]),
        ],
      },
      // n2: the same, but enrolled in B on 2 May whose need ends on 10 Jun: out of receipt.
      {
        key: key('cover-n2'),
        cases: [
          one(A, 'n2', '2024-01-02', [
            insured('j', '2024-03-01'),
            closeCase('2024-04-30', 'moved'),
          ]),
          one(B, 'n2b', '2024-05-02', [endNeed('2024-06-10', 'employment-income')]),
        ],
      },
      // n3: need ends on 31 Mar, closed as moved on 15 May (not in need then): out of receipt.
      {
        key: key('cover-n3'),
        cases: [
          one(A, 'n3', '2024-01-02', [
            insured('j', '2024-03-01'),
            endNeed('2024-03-31', 'employment-income'),
            closeCase('2024-05-15', 'moved'),
          ]),
        ],
      },
    ],
    figures: [
      // A, Dec 2024: integrations n1, n2, n3 = 3; need-covering n2, n3 = 2.
      {
        indicator: 'need-covering-integrations',
        tenant: A,
        month: '2024-12',
        numerator: 2,
        denominator: 3,
        value: 2 / 3,
      },
      {
        indicator: 'need-covering-integrations',
        tenant: B,
        month: '2024-12',
        numerator: 0,
        denominator: 0,
        value: null,
      },
      {
        indicator: 'need-covering-integrations',
        tenant: '*',
        month: '2024-12',
        numerator: 2,
        denominator: 3,
        value: 2 / 3,
      },
    ],
  },
  {
    name: 'the new rates K1E2, K1E3, K1E4, K3E3, K3E4',
    rule: 'elb-change: stock(m) / stock(m-12); elb-entry-rate: sum entries(m-11..m) / sum stock(m-11..m); elb-exit-rate: sum outflows(m-11..m) / sum stock(m-12..m-1); long-term-entry-rate: sum lzb_entries(m-11..m) / sum lzb(m-11..m); long-term-exit-rate: sum lzb_outflows(m-11..m) / sum lzb(m-12..m-1).',
    persons: [
      // r1, r2 from 1 Jan 2023: ELB days up to 15 Sep 2024 = 365 + 259 = 624, up to 15 Oct
      // 2024 = 365 + 289 = 654: LZB from October 2024.
      { key: key('rates-r1'), cases: [one(A, 'r1', '2023-01-01')] },
      // r2's need ends on 20 Nov 2024: LZB on 15 Oct and 15 Nov; out of the stock on 21 Nov,
      // W(December): an ELB outflow and an LZB outflow in December.
      {
        key: key('rates-r2'),
        cases: [one(A, 'r2', '2023-01-01', [endNeed('2024-11-20', 'employment-income')])],
      },
      // r3 from 1 Jun 2024 (an entry in June), r4 from 1 Feb 2025.
      { key: key('rates-r3'), cases: [one(A, 'r3', '2024-06-01')] },
      { key: key('rates-r4'), cases: [one(A, 'r4', '2025-02-01')] },
    ],
    figures: [
      // K1E2 Mar 2025: r1, r3, r4 = 3 / r1, r2 on 15 Mar 2024 = 2.
      {
        indicator: 'elb-change',
        tenant: A,
        month: '2025-03',
        numerator: 3,
        denominator: 2,
        value: 1.5,
      },
      // K1E3 Dec 2024: r3's entry / stocks Jan-Dec 2024 = r1 12 + r2 11 + r3 7 = 30.
      {
        indicator: 'elb-entry-rate',
        tenant: A,
        month: '2024-12',
        numerator: 1,
        denominator: 30,
        value: 1 / 30,
      },
      // K1E4 Dec 2024: r2's outflow / stocks Dec 2023-Nov 2024 = r1 12 + r2 12 + r3 6 = 30.
      {
        indicator: 'elb-exit-rate',
        tenant: A,
        month: '2024-12',
        numerator: 1,
        denominator: 30,
        value: 1 / 30,
      },
      // K3E3 Dec 2024: r1, r2 in October = 2 / LZB Jan-Dec 2024 = Oct 2 + Nov 2 + Dec 1 = 5.
      {
        indicator: 'long-term-entry-rate',
        tenant: A,
        month: '2024-12',
        numerator: 2,
        denominator: 5,
        value: 0.4,
      },
      // K3E4 Dec 2024: r2 in December = 1 / LZB Dec 2023-Nov 2024 = Oct 2 + Nov 2 = 4.
      {
        indicator: 'long-term-exit-rate',
        tenant: A,
        month: '2024-12',
        numerator: 1,
        denominator: 4,
        value: 0.25,
      },
      // K3 Oct 2025: r1 (r3 is LZB only from 15 Mar 2026: 214 + 365 + 74 = 653 days) / r1, r2.
      {
        indicator: 'long-term-recipients',
        tenant: A,
        month: '2025-10',
        numerator: 1,
        denominator: 2,
        value: 0.5,
      },
    ],
  },
  {
    name: 'K3E1 and K3E2: integrations and measures of long-term recipients',
    rule: 'integrations_lzb(m): class-"integration" integration in m and the person was LZB on ST(m-1); lzb_active(m): persons counted in lzb(m) who are, on ST(m), in a started measure of any of their cases.',
    programmes: [{ tenant: A, year: 2024, measures: [['M1', 10]] }],
    persons: [
      // e: from 3 Jan 2022 (LZB from 15 Oct 2023: 363 + 288 = 651 days); self-employed from
      //    1 Oct 2024 (W(October), LZB on 15 Sep); in measure M1 from 1 Nov 2024.
      {
        key: key('k3-e'),
        cases: [
          one(A, 'e', '2022-01-03', [
            measure('m', 'M1', '2024-10-20'),
            startMeasure('m', '2024-11-01'),
            job('j', '2024-10-01', 'self-employed'),
          ]),
        ],
      },
      // f: from 1 Jun 2023: LZB from 15 Mar 2025 (214 + 366 + 74 = 654 days; 15 Feb: 626).
      { key: key('k3-f'), cases: [one(A, 'f', '2023-06-01')] },
    ],
    figures: [
      // K3E1 Dec 2024: e = 1 / (LZB Dec 2023-Nov 2024 = 12, / 12) = 1.
      {
        indicator: 'long-term-integration-quota',
        tenant: A,
        month: '2024-12',
        numerator: 1,
        denominator: 1,
        value: 1,
      },
      // K3E2 Dec 2024: e in M1 on 15 Dec / LZB e = 1; Oct 2024 (before the start): 0 / 1.
      {
        indicator: 'long-term-activation-quota',
        tenant: A,
        month: '2024-12',
        numerator: 1,
        denominator: 1,
        value: 1,
      },
      {
        indicator: 'long-term-activation-quota',
        tenant: A,
        month: '2024-10',
        numerator: 0,
        denominator: 1,
        value: 0,
      },
      // K3 Mar 2025: e, f = 2 / e = 1.
      {
        indicator: 'long-term-recipients',
        tenant: A,
        month: '2025-03',
        numerator: 2,
        denominator: 1,
        value: 2,
      },
      // Occupancy Nov 2024: e in M1 on 15 Nov, its start on 1 Nov in W(November).
      {
        indicator: 'measure-occupancy',
        tenant: A,
        month: '2024-11',
        numerator: 1,
        denominator: 10,
        value: 0.1,
        breakdown: [{ key: '2024:M1', numerator: 1, denominator: 10, value: 0.1, entries: 1 }],
      },
    ],
  },
  {
    name: 'K2, K2E1, K2E2, K2E4: one integration per person and month, by class',
    rule: 'Classes: "integration" = kinds insured, vocational-training, self-employed; "marginal"; "publicly-funded". At most one per person, class and month. K2E4: K2 restricted to singleParent.',
    persons: [
      // Three persons in need from 1 Dec 2023 (stock 15 Dec-15 Mar 3, 15 Apr-15 Nov 2).
      // a: insured from 1 Mar (W(March)), need ends 31 Mar.
      {
        key: key('k2-a'),
        cases: [
          one(A, 'a', '2023-12-01', [
            insured('j', '2024-03-01'),
            endNeed('2024-03-31', 'employment-income'),
          ]),
        ],
      },
      // b: a Minijob from 10 May.
      {
        key: key('k2-b'),
        cases: [one(A, 'b', '2023-12-01', [job('j', '2024-05-10', 'marginal')])],
      },
      // c, a single parent: publicly funded work from 1 Jul, insured from 10 Jul, training from
      //    15 Jul, all in W(July): one integration, one publicly funded entry.
      {
        key: key('k2-c'),
        singleParent: true,
        cases: [
          one(A, 'c', '2023-12-01', [
            job('j1', '2024-07-01', 'publicly-funded'),
            insured('j2', '2024-07-10'),
            job('j3', '2024-07-15', 'vocational-training'),
          ]),
        ],
      },
    ],
    figures: [
      // Denominator Dec 2024: stocks Dec 2023-Nov 2024 = 3 + 3 + 3 + 3 + 8 x 2 = 28, / 12.
      // K2: a, c = 2.
      {
        indicator: 'integration-quota',
        tenant: A,
        month: '2024-12',
        numerator: 2,
        denominator: 28 / 12,
        value: 2 / (28 / 12),
      },
      // K2E1: b = 1.  K2E2: c = 1.
      {
        indicator: 'marginal-employment-quota',
        tenant: A,
        month: '2024-12',
        numerator: 1,
        denominator: 28 / 12,
        value: 1 / (28 / 12),
      },
      {
        indicator: 'publicly-funded-quota',
        tenant: A,
        month: '2024-12',
        numerator: 1,
        denominator: 28 / 12,
        value: 1 / (28 / 12),
      },
      // K2E4: c's integration / c's 12 stocks / 12 = 1.
      {
        indicator: 'single-parent-integration-quota',
        tenant: A,
        month: '2024-12',
        numerator: 1,
        denominator: 1,
        value: 1,
      },
      // Need-covering: a is out of the stock on 15 Jun (March + 3), c is in it on 15 Oct: 1 / 2.
      {
        indicator: 'need-covering-integrations',
        tenant: A,
        month: '2024-12',
        numerator: 1,
        denominator: 2,
        value: 0.5,
      },
    ],
  },
  {
    name: 'measure occupancy on the reference day: a person in one measure through two cases is one participant',
    rule: 'participants(m, measure): per (tenant of the case holding the measure, measure key `year:id`): distinct persons with a case of that tenant whose measure with that key is active on ST(m).',
    programmes: [
      {
        tenant: A,
        year: 2024,
        measures: [
          ['M1', 4],
          ['M2', 10],
        ],
      },
    ],
    persons: [
      // x: in M1 from 2 May in case x1, and again (re-enrolled 1 Jun) from 3 Jun in case x2.
      {
        key: key('occ-x'),
        cases: [
          one(A, 'x1', '2024-04-01', [
            measure('m', 'M1', '2024-04-15'),
            startMeasure('m', '2024-05-02'),
          ]),
          one(A, 'x2', '2024-06-01', [
            measure('m', 'M1', '2024-06-01'),
            startMeasure('m', '2024-06-03'),
          ]),
        ],
      },
      // y: in M1 from 10 Jun.
      {
        key: key('occ-y'),
        cases: [
          one(A, 'y', '2024-04-01', [
            measure('m', 'M1', '2024-04-15'),
            startMeasure('m', '2024-06-10'),
          ]),
        ],
      },
      // z: in M2 from 1 Jun, completed 14 Jun: not in it on 15 Jun, but an entry in W(June).
      {
        key: key('occ-z'),
        cases: [
          one(A, 'z', '2024-04-01', [
            measure('m', 'M2', '2024-05-15'),
            startMeasure('m', '2024-06-01'),
            ['CompleteMeasure', { assignmentId: 'm', completedOn: '2024-06-14' }],
          ]),
        ],
      },
    ],
    figures: [
      // June: M1 x, y = 2 of 4, entries (16 May-15 Jun) x, y = 2; M2 0 of 10, entries z = 1.
      {
        indicator: 'measure-occupancy',
        tenant: A,
        month: '2024-06',
        numerator: 2,
        denominator: 14,
        value: 2 / 14,
        breakdown: [
          { key: '2024:M1', numerator: 2, denominator: 4, value: 0.5, entries: 2 },
          { key: '2024:M2', numerator: 0, denominator: 10, value: 0, entries: 1 },
        ],
      },
      // May: M1 x = 1, entries (16 Apr-15 May) x = 1.
      {
        indicator: 'measure-occupancy',
        tenant: A,
        month: '2024-05',
        numerator: 1,
        denominator: 14,
        value: 1 / 14,
        breakdown: [
          { key: '2024:M1', numerator: 1, denominator: 4, value: 0.25, entries: 1 },
          { key: '2024:M2', numerator: 0, denominator: 10, value: 0, entries: 0 },
        ],
      },
    ],
  },
  {
    name: 'integration within six months after leaving a measure, by a qualifying start',
    rule: 'measure_leavers_integrated: those of them with a qualifying integration start s with endedOn < s <= endedOn + 6 months (same day of month; clamped to the month\u2019s last day).',
    programmes: [{ tenant: A, year: 2024, measures: [['M1', 10]] }],
    persons: [
      // g: completes 31 Mar (W(April)), insured from 30 Sep = 31 Mar + 6 months, clamped; in
      //    the stock on 15 Sep: qualifying. Integrated.
      {
        key: key('after-g'),
        cases: [
          one(A, 'g', '2024-01-02', [
            measure('m', 'M1', '2024-01-10'),
            startMeasure('m', '2024-01-15'),
            ['CompleteMeasure', { assignmentId: 'm', completedOn: '2024-03-31' }],
            insured('j', '2024-09-30'),
          ]),
        ],
      },
      // h: aborts 15 Apr (W(April)), insured from 16 Oct: one day after 15 Oct. Not integrated.
      {
        key: key('after-h'),
        cases: [
          one(A, 'h', '2024-01-02', [
            measure('m', 'M1', '2024-01-10'),
            startMeasure('m', '2024-01-15'),
            ['AbortMeasure', { assignmentId: 'm', abortedOn: '2024-04-15', reason: 'illness' }],
            insured('j', '2024-10-16'),
          ]),
        ],
      },
      // i: completes 31 May (W(June)), need ends 30 Jun, insured from 20 Aug (W(September)):
      //    in the stock neither on 15 Aug nor on 15 Sep, so the start qualifies for no month.
      {
        key: key('after-i'),
        cases: [
          one(A, 'i', '2024-01-02', [
            measure('m', 'M1', '2024-01-10'),
            startMeasure('m', '2024-01-15'),
            ['CompleteMeasure', { assignmentId: 'm', completedOn: '2024-05-31' }],
            endNeed('2024-06-30', 'other-income'),
            insured('j', '2024-08-20'),
          ]),
        ],
      },
    ],
    figures: [
      // Leavers Jan-Dec 2024: g, h, i = 3; integrated: g = 1.
      {
        indicator: 'measure-integration',
        tenant: A,
        month: '2024-12',
        numerator: 1,
        denominator: 3,
        value: 1 / 3,
        breakdown: [{ key: '2024:M1', numerator: 1, denominator: 3, value: 1 / 3 }],
      },
    ],
  },
  {
    name: 'attributes follow the month: a 25th birthday moves a person out of U25',
    rule: 'u25 = birthMonth known and (m - birthMonth) < 300 months.',
    persons: [
      // Born August 1999: July 2024 is month 299, August 2024 month 300.
      { key: key('age-young'), born: '1999-08-14', cases: [one(A, 'y', '2024-01-01')] },
    ],
    figures: [
      {
        indicator: 'stock',
        tenant: A,
        month: '2024-07',
        group: 'u25',
        numerator: 1,
        denominator: null,
        value: 1,
      },
      {
        indicator: 'stock',
        tenant: A,
        month: '2024-08',
        group: 'u25',
        numerator: 0,
        denominator: null,
        value: 0,
      },
      {
        indicator: 'stock',
        tenant: A,
        month: '2024-08',
        gender: 'female',
        numerator: 1,
        denominator: null,
        value: 1,
      },
      {
        indicator: 'stock',
        tenant: A,
        month: '2024-08',
        gender: 'male',
        numerator: 0,
        denominator: null,
        value: 0,
      },
    ],
  },
  {
    name: 'a late entry corrects the months it belongs to',
    rule: 'Events are applied in date order as the domain keeps them.',
    persons: [
      // Recorded in this order: the end of need on 30 Jun, then insured work from 1 Apr
      // (W(April), in the stock on 15 Mar).
      {
        key: key('late-a'),
        cases: [
          one(A, 'a', '2024-01-01', [
            endNeed('2024-06-30', 'employment-income'),
            insured('j', '2024-04-01'),
          ]),
        ],
      },
    ],
    figures: [
      // K2 Dec 2024: 1 / (stocks Dec 2023-Nov 2024 = Jan-Jun 6, / 12) = 2.
      {
        indicator: 'integration-quota',
        tenant: A,
        month: '2024-12',
        numerator: 1,
        denominator: 0.5,
        value: 2,
      },
      // K2 Mar 2024: none yet; stocks Mar 2023-Feb 2024 = 2.
      {
        indicator: 'integration-quota',
        tenant: A,
        month: '2024-03',
        numerator: 0,
        denominator: 2 / 12,
        value: 0,
      },
    ],
  },
  {
    name: 'provisional months: final from the day after ST(m + f + 3)',
    rule: 'a month m of an indicator needing f months after it (need-covering 3, measure-integration 6, others 0) is final from the day after ST(m + f + 3).',
    persons: [{ key: key('prov-a'), cases: [one(A, 'a', '2024-01-01')] }],
    figures: [],
    provisional: [
      // September 2024: ST(December 2024) = 15 Dec.
      { indicator: 'stock', month: '2024-09', today: '2024-12-02', provisional: true },
      { indicator: 'stock', month: '2024-09', today: '2024-12-15', provisional: true },
      { indicator: 'stock', month: '2024-09', today: '2024-12-16', provisional: false },
      // Need-covering, f = 3: ST(March 2025).
      {
        indicator: 'need-covering-integrations',
        month: '2024-09',
        today: '2025-03-15',
        provisional: true,
      },
      {
        indicator: 'need-covering-integrations',
        month: '2024-09',
        today: '2025-03-16',
        provisional: false,
      },
      // Integration after a measure, f = 6: ST(June 2025).
      {
        indicator: 'measure-integration',
        month: '2024-09',
        today: '2025-06-15',
        provisional: true,
      },
      {
        indicator: 'measure-integration',
        month: '2024-09',
        today: '2025-06-16',
        provisional: false,
      },
    ],
  },
];
