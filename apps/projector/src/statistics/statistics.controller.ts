/**
 * GET /v1/statistics/{indicator}, /v1/statistics/ranking, the catalogue of indicators and the
 * live stream of changes (Server-Sent Events). Analysts, caseworkers and team leads; the
 * national tenant `*` sees all.
 */
import { Controller, Get, Param, Query, Req, Sse, type MessageEvent } from '@nestjs/common';
import type { Request } from 'express';
import {
  ApiBearerAuth,
  ApiOperation,
  ApiResponse,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
  OmitType,
} from '@nestjs/swagger';
import { IsIn, Matches } from 'class-validator';
import { Observable } from 'rxjs';
import { Optional } from '#cases';
import { ApiProblems, ApiRead, validationProblem } from '#http';
import {
  DEFAULT_LANGUAGE,
  GENDER_FILTERS,
  INDICATOR_NAMES,
  LANGUAGES,
  StatisticsService,
  TARGET_GROUPS,
  indicatorCatalogue,
  isIndicator,
  parseMonth,
  visibleJobcenters,
  type AppliedBatch,
  type GenderFilter,
  type IndicatorName,
  type Language,
  type TargetGroup,
} from '#projections';
import { AllowQueryToken, CurrentPrincipal, Roles, type Principal } from '#security';
import { ProjectionHost } from '../projection-host.js';
import { LiveStreams, atTime } from './live-streams.js';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const POSITION = /^[1-9]\d{0,15}$/;
const JOBCENTER = /^(\*|[a-z0-9][a-z0-9-]{0,62})$/;

/** The language of the texts in an answer (titles, definitions, reasons). */
export class LanguageQueryDto {
  @ApiPropertyOptional({
    enum: LANGUAGES,
    default: DEFAULT_LANGUAGE,
    description: 'Language of `title` and `definition`: de (German) or en (English)',
  })
  @Optional()
  @IsIn(LANGUAGES)
  lang?: Language;
}

/** The cell a figure is for: month, target group, gender (and the language of its texts). */
export class CellQueryDto extends LanguageQueryDto {
  @ApiPropertyOptional({
    example: '2024-06',
    description: 'Reference month (YYYY-MM); default: the current month',
  })
  @Optional()
  @Matches(MONTH, { message: 'month must be YYYY-MM' })
  month?: string;

  @ApiPropertyOptional({ enum: TARGET_GROUPS, default: 'all' })
  @Optional()
  @IsIn(TARGET_GROUPS)
  targetGroup?: TargetGroup;

  @ApiPropertyOptional({ enum: GENDER_FILTERS, default: 'all' })
  @Optional()
  @IsIn(GENDER_FILTERS)
  gender?: GenderFilter;
}

export class StatisticQueryDto extends CellQueryDto {
  @ApiPropertyOptional({
    example: 'jc-kronach',
    description: 'Default: your own; `*` (national analysts): all together',
  })
  @Optional()
  @Matches(JOBCENTER, { message: 'jobcenter must be a Jobcenter id such as jc-kronach, or *' })
  jobcenter?: string;

  @ApiPropertyOptional({
    example: '1042',
    description: "A command's `position`: wait (up to 5 s) until the figures include it",
  })
  @Optional()
  @Matches(POSITION, { message: 'minPosition must be a positive integer' })
  minPosition?: string;
}

/** The filters of a single figure without its month (the series names its months). */
export class SeriesQueryDto extends OmitType(StatisticQueryDto, ['month', 'minPosition'] as const) {
  @ApiProperty({ example: '2024-07', description: 'First month (YYYY-MM)' })
  @Matches(MONTH, { message: 'from must be YYYY-MM' })
  from!: string;

  @ApiProperty({
    example: '2026-06',
    description: 'Last month (YYYY-MM), at most 36 months after from',
  })
  @Matches(MONTH, { message: 'to must be YYYY-MM' })
  to!: string;
}

export class RankingQueryDto extends CellQueryDto {
  @ApiProperty({ enum: INDICATOR_NAMES, example: 'integration-quota' })
  @IsIn(INDICATOR_NAMES)
  indicator!: IndicatorName;
}

export class StatisticView {
  @ApiProperty({ enum: INDICATOR_NAMES }) indicator!: string;
  @ApiProperty({ example: 'K2 Integrationsquote (integration quota)' }) title!: string;
  @ApiProperty({ description: 'How the figure is computed, in the language asked (`lang`)' })
  definition!: string;
  @ApiProperty({ example: 'jc-kronach' }) jobcenter!: string;
  @ApiProperty({ example: '2024-06' }) month!: string;
  @ApiProperty({ enum: TARGET_GROUPS }) targetGroup!: string;
  @ApiProperty({ enum: GENDER_FILTERS }) gender!: string;
  @ApiProperty({ nullable: true, example: 57 }) numerator!: number | null;
  @ApiProperty({ nullable: true, example: 158.25 }) denominator!: number | null;
  @ApiProperty({ nullable: true, example: 0.3602 }) value!: number | null;
  @ApiProperty({
    description: 'The month is among the last three: late reports may still change it',
  })
  provisional!: boolean;
  @ApiProperty({
    description: 'A count of 1 or 2, or derivable from one: hidden (null), never zero',
  })
  suppressed!: boolean;
  @ApiPropertyOptional({ description: 'Per reason (need-ended) or per measure (measure figures)' })
  breakdown?: Record<string, unknown>[];
  @ApiProperty({
    example: 1042,
    description: 'The read model includes all events up to this position',
  })
  position!: number;
}

export class IndicatorEntryView {
  @ApiProperty({ example: 'integration-quota' }) name!: string;
  @ApiProperty({
    nullable: true,
    type: String,
    example: 'K2',
    description: 'Code in the SGB2§48aFKV; null for teilhabe’s own figures',
  })
  code!: string | null;
  @ApiProperty({ nullable: true, type: String, example: '§ 5 Abs. 1 SGB2§48aFKV' })
  legalBasis!: string | null;
  @ApiProperty({ example: 'K2 Integrationsquote' }) title!: string;
  @ApiProperty() definition!: string;
  @ApiProperty({ description: 'false: teilhabe names the figure but never gives a value of it' })
  computable!: boolean;
  @ApiPropertyOptional({ description: 'Only when not computable: why not' })
  reason?: string;
  @ApiPropertyOptional({
    example: 12,
    description: 'Only when computable: months before the reference month the figure reads',
  })
  lookBack?: number;
  @ApiPropertyOptional({
    example: 0,
    description: 'Only when computable: months after the reference month it needs',
  })
  followUp?: number;
  @ApiProperty({
    description:
      'A month against the same month a year earlier (K1, K1E1, K1E2, K3): `value` is the quotient, shown as a rate of change (value − 1) × 100 %',
  })
  changeFigure!: boolean;
}

export class IndicatorCatalogueView {
  @ApiProperty({ type: [IndicatorEntryView] }) items!: IndicatorEntryView[];
}

export class StatisticSeries {
  @ApiProperty({ type: [StatisticView], description: 'One answer per month, oldest first' })
  items!: StatisticView[];
}

function checkedIndicator(indicator: string): IndicatorName {
  if (!isIndicator(indicator)) {
    throw validationProblem([
      {
        field: 'path:indicator',
        rule: 'isIn',
        message: `indicator must be one of ${INDICATOR_NAMES.join(', ')}`,
      },
    ]);
  }
  return indicator;
}

function month(text: string | undefined, field: string): number | undefined {
  if (text === undefined) return undefined;
  const parsed = parseMonth(text);
  if (parsed === undefined)
    throw validationProblem([{ field, rule: 'matches', message: 'month must be YYYY-MM' }]);
  return parsed;
}

function language(query: LanguageQueryDto): { language?: Language } {
  return query.lang === undefined ? {} : { language: query.lang };
}

@ApiTags('statistics')
// Every route needs a token (the stream also takes it as ?access_token=).
@ApiBearerAuth()
@Controller('v1/statistics')
export class StatisticsController {
  constructor(
    private readonly statistics: StatisticsService,
    private readonly host: ProjectionHost,
    private readonly streams: LiveStreams,
  ) {}

  // Before `:indicator`, which would take `indicators` for an indicator's name.
  @Get('indicators')
  @Roles('analyst', 'caseworker', 'team-lead')
  @ApiRead(
    'Every indicator: code, legal basis, definition, and whether teilhabe computes it',
    IndicatorCatalogueView,
  )
  indicators(@Query() query: LanguageQueryDto): IndicatorCatalogueView {
    return { items: indicatorCatalogue(query.lang ?? DEFAULT_LANGUAGE) };
  }

  @Get('ranking')
  @Roles('analyst', 'caseworker', 'team-lead')
  @ApiRead('All Jobcenters ranked by an indicator (small counts suppressed)', StatisticView)
  ranking(@Query() query: RankingQueryDto) {
    return this.statistics.ranking({
      indicator: query.indicator,
      ...(query.month === undefined ? {} : { month: month(query.month, 'query:month')! }),
      targetGroup: query.targetGroup ?? 'all',
      gender: query.gender ?? 'all',
      ...language(query),
    });
  }

  /**
   * Server-Sent Events: `statistics-changed` with the Jobcenters whose figures changed. The
   * stream ends with `token-expired` at the token's `exp`: a token that expired must not go on
   * receiving what it could no longer ask for.
   */
  @Sse('stream')
  @AllowQueryToken()
  @Roles('analyst', 'caseworker', 'team-lead')
  @ApiOperation({
    summary: 'Live changes (Server-Sent Events); EventSource may pass the token as ?access_token=',
    description:
      'Events: `ready` (with the current `position`), `statistics-changed` (`jobcenters`, ' +
      "`position`), `heartbeat` every 15 s, and `token-expired` (`expiredAt`) at the token's " +
      '`exp`, after which the server ends the stream: reconnect with a fresh token. One caller ' +
      '(token subject and tenant) may hold STREAMS_PER_CALLER streams open at once (default 5); ' +
      'one more is answered 429 `too-many-streams`, whose `limit` names the number.',
  })
  @ApiResponse({
    status: 200,
    description: 'The event stream',
    content: { 'text/event-stream': { schema: { type: 'string' } } },
  })
  @ApiProblems(401, 403, 429)
  stream(
    @CurrentPrincipal() principal: Principal,
    @Req() request: Request,
  ): Observable<MessageEvent> {
    const release = this.streams.acquire(principal);
    // Counted out when the answer ends, also if Nest never subscribes (a client that left).
    request.res?.once('close', release);
    const expiresAt = request.tokenExpiresAt;
    return new Observable<MessageEvent>((subscriber) => {
      const onBatch = (batch: AppliedBatch) => {
        const jobcenters = visibleJobcenters(principal, batch.tenants);
        if (jobcenters.length === 0) return;
        subscriber.next({
          type: 'statistics-changed',
          data: { jobcenters, position: batch.checkpoint.prepare },
        });
      };
      this.host.runner.batches.on('batch', onBatch);
      subscriber.next({ type: 'ready', data: { position: this.host.runner.checkpoint.prepare } });
      const heartbeat = setInterval(() => subscriber.next({ type: 'heartbeat', data: {} }), 15_000);
      const cancelExpiry =
        expiresAt === undefined
          ? () => undefined
          : atTime(expiresAt, () => {
              subscriber.next({
                type: 'token-expired',
                data: { expiredAt: new Date(expiresAt).toISOString() },
              });
              subscriber.complete();
            });
      return () => {
        clearInterval(heartbeat);
        cancelExpiry();
        this.host.runner.batches.off('batch', onBatch);
        release();
      };
    });
  }

  @Get(':indicator/series')
  @Roles('analyst', 'caseworker', 'team-lead')
  @ApiRead(
    'A key figure month by month (from..to, at most 36 months), e.g. for a chart',
    StatisticSeries,
  )
  series(
    @Param('indicator') indicator: string,
    @Query() query: SeriesQueryDto,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.statistics.series(principal, {
      indicator: checkedIndicator(indicator),
      ...(query.jobcenter === undefined ? {} : { jobcenter: query.jobcenter }),
      from: month(query.from, 'query:from')!,
      to: month(query.to, 'query:to')!,
      targetGroup: query.targetGroup ?? 'all',
      gender: query.gender ?? 'all',
      ...language(query),
    });
  }

  @Get(':indicator')
  @Roles('analyst', 'caseworker', 'team-lead')
  @ApiRead(
    'A key figure for one Jobcenter (or all: *), month, target group and gender',
    StatisticView,
  )
  statistic(
    @Param('indicator') indicator: string,
    @Query() query: StatisticQueryDto,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.statistics.statistic(principal, {
      indicator: checkedIndicator(indicator),
      ...(query.jobcenter === undefined ? {} : { jobcenter: query.jobcenter }),
      ...(query.month === undefined ? {} : { month: month(query.month, 'query:month')! }),
      targetGroup: query.targetGroup ?? 'all',
      gender: query.gender ?? 'all',
      ...(query.minPosition === undefined ? {} : { minPosition: Number(query.minPosition) }),
      ...language(query),
    });
  }
}
