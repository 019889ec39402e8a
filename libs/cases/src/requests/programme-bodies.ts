/** The bodies of the programme commands (the Arbeitsmarktprogramm of a year). */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsString,
  Length,
  Matches,
  Max,
  Min,
} from 'class-validator';
import {
  MAX_PLANNED_PLACES,
  MEASURE_KINDS,
  PROGRAMME_TARGET_GROUPS,
  type MeasureKind,
  type ProgrammeTargetGroup,
} from '#domain';
import { MEASURE_ID_PATTERN } from './case-bodies.js';
import { EachItem, IsCalendarDate, IsText, Optional } from './field-rules.js';

export class OfferMeasureDto {
  @ApiProperty({ example: 'JT-2024-01' })
  @IsString()
  @Length(1, 64)
  @Matches(MEASURE_ID_PATTERN, { message: 'measureId must be 1-64 letters, digits, and . _ -' })
  measureId!: string;

  @ApiProperty({ example: 'Job-Turbo: Berufssprachkurs mit Praktikum' })
  @IsText(1, 200)
  title!: string;

  @ApiProperty({ enum: MEASURE_KINDS, example: 'vocational-training' })
  @IsIn(MEASURE_KINDS)
  kind!: MeasureKind;

  @ApiProperty({ example: 40, minimum: 1, maximum: MAX_PLANNED_PLACES })
  @IsInt()
  @Min(1)
  @Max(MAX_PLANNED_PLACES)
  plannedPlaces!: number;

  @ApiProperty({ enum: PROGRAMME_TARGET_GROUPS, isArray: true, example: ['refugee-ukraine'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(PROGRAMME_TARGET_GROUPS.length)
  @ArrayUnique()
  @EachItem(
    'isIn',
    (group: unknown) => (PROGRAMME_TARGET_GROUPS as readonly unknown[]).includes(group),
    `must be one of ${PROGRAMME_TARGET_GROUPS.join(', ')}`,
  )
  targetGroups!: ProgrammeTargetGroup[];

  @ApiPropertyOptional({ example: '2023-11-20', format: 'date', description: 'Default: today' })
  @Optional()
  @IsCalendarDate()
  offeredOn?: string;
}

export class ApproveProgrammeDto {
  @ApiProperty({
    example: '2023-12-12',
    format: 'date',
    description: "The örtlicher Beirat's vote",
  })
  @IsCalendarDate()
  approvedOn!: string;
}
