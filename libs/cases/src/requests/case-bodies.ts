/**
 * The bodies of the case commands, checked by class-validator and described for OpenAPI: the
 * HTTP API and the legacy import check every body with these same classes.
 */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsObject,
  IsString,
  IsUUID,
  Length,
  Matches,
  ValidateNested,
} from 'class-validator';
import {
  CASE_CLOSE_REASONS,
  EMPLOYMENT_KINDS,
  GENDERS,
  MEASURE_ABORT_REASONS,
  NEED_ENDED_REASONS,
  type CaseCloseReason,
  type EmploymentKind,
  type Gender,
  type MeasureAbortReason,
  type NeedEndedReason,
} from '#domain';
import {
  EachItem,
  IsCalendarDate,
  IsEuroAmount,
  IsNotNilUuid,
  IsText,
  IsVisibleText,
  Optional,
  isPrintableText,
} from './field-rules.js';

export class ClientDto {
  @ApiProperty({
    example: 'Olena',
    description:
      'Personal data: stored apart, encryptable. Not only whitespace; no zero-width or bidi-override characters',
  })
  @IsText(1, 100)
  @IsVisibleText()
  givenName!: string;

  @ApiProperty({
    example: 'Kovalenko',
    description: 'Personal data. Not only whitespace; no zero-width or bidi-override characters',
  })
  @IsText(1, 100)
  @IsVisibleText()
  familyName!: string;

  @ApiProperty({
    example: '1990-04-17',
    format: 'date',
    description: 'Personal data; only the month is kept in clear',
  })
  @IsCalendarDate()
  dateOfBirth!: string;

  @ApiProperty({ enum: GENDERS, example: 'female' })
  @IsIn(GENDERS)
  gender!: Gender;
}

export class TargetGroupsDto {
  @ApiPropertyOptional({ example: true, description: 'Alleinerziehend' })
  @Optional()
  @IsBoolean()
  singleParent?: boolean;

  @ApiPropertyOptional({ example: true, description: 'Refugee from Ukraine (Job-Turbo)' })
  @Optional()
  @IsBoolean()
  refugeeUkraine?: boolean;
}

export class EnrolClientDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'Chosen by the frontend (any case; stored in lower case, not the nil UUID); otherwise assigned',
  })
  @Optional()
  @IsUUID()
  @IsNotNilUuid()
  caseId?: string;

  @ApiProperty({ type: ClientDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => ClientDto)
  client!: ClientDto;

  @ApiPropertyOptional({
    example: '123A456789',
    minLength: 1,
    maxLength: 64,
    description:
      'An identifier of the person that outlives the case, such as the BA customer number (Kundennummer). Links re-enrolments for the statistics; never stored or returned, only a keyed hash of it. Without it, the name and date of birth are used.',
  })
  @Optional()
  @IsString()
  @Length(1, 64)
  @Matches(/^[\p{L}\p{N}][\p{L}\p{N} ./-]*$/u, {
    message: 'personReference must be letters, digits, spaces, . / or - (1 to 64)',
  })
  personReference?: string;

  @ApiProperty({ example: '2024-01-08', format: 'date' })
  @IsCalendarDate()
  enrolledOn!: string;

  @ApiPropertyOptional({ type: TargetGroupsDto })
  @Optional()
  @IsObject()
  @ValidateNested()
  @Type(() => TargetGroupsDto)
  targetGroups?: TargetGroupsDto;
}

export class AssignCaseworkerDto {
  @ApiProperty({
    example: 'anna.schmidt',
    description: "The caseworker's user id at the identity provider",
  })
  @IsString()
  @Length(1, 200)
  @Matches(/^[A-Za-z0-9._@:-]+$/, {
    message: 'caseworkerId must be a user id (letters, digits, . _ @ : -)',
  })
  caseworkerId!: string;

  @ApiProperty({ example: '2024-01-08', format: 'date' })
  @IsCalendarDate()
  assignedOn!: string;
}

export class AgreeCooperationPlanDto {
  @ApiProperty({ example: '2024-01-15', format: 'date' })
  @IsCalendarDate()
  agreedOn!: string;

  @ApiProperty({
    type: [String],
    example: ['German course B1', 'Applications as a nursing assistant'],
    description: 'Free text: personal data, stored apart',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @EachItem(
    'isText',
    (goal: unknown) => isPrintableText(goal, 1, 500),
    'must be text of 1 to 500 characters without control characters',
  )
  goals!: string[];
}

export const MEASURE_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export class AssignMeasureDto {
  @ApiProperty({
    example: 'JT-2024-01',
    description: 'A measure of the approved programme of that year',
  })
  @IsString()
  @Length(1, 64)
  @Matches(MEASURE_ID_PATTERN, { message: 'measureId must be 1-64 letters, digits, and . _ -' })
  measureId!: string;

  @ApiProperty({ example: '2024-02-01', format: 'date' })
  @IsCalendarDate()
  assignedOn!: string;
}

export class MeasureDateDto {
  @ApiProperty({ example: '2024-02-05', format: 'date', description: 'The day it happened' })
  @IsCalendarDate()
  on!: string;
}

export class AbortMeasureDto extends MeasureDateDto {
  @ApiProperty({ enum: MEASURE_ABORT_REASONS, example: 'illness' })
  @IsIn(MEASURE_ABORT_REASONS)
  reason!: MeasureAbortReason;
}

export class StartEmploymentDto {
  @ApiProperty({
    enum: EMPLOYMENT_KINDS,
    example: 'insured',
    description:
      'insured, vocational-training and self-employed count as Integration; marginal (Minijob) and publicly-funded do not',
  })
  @IsIn(EMPLOYMENT_KINDS)
  kind!: EmploymentKind;

  @ApiProperty({ example: '2024-06-01', format: 'date' })
  @IsCalendarDate()
  startedOn!: string;

  @ApiProperty({
    example: false,
    description: 'Subsidised by in-work benefits (Eingliederungszuschuss, Einstiegsgeld)',
  })
  @IsBoolean()
  subsidised!: boolean;

  @ApiPropertyOptional({
    example: 2450,
    description: 'Euros per month; personal data, stored apart',
  })
  @Optional()
  @IsEuroAmount(0, 1_000_000)
  monthlyGrossIncome?: number;
}

export class EndEmploymentDto {
  @ApiProperty({ example: '2024-12-31', format: 'date' })
  @IsCalendarDate()
  endedOn!: string;
}

export class EndNeedDto {
  @ApiProperty({ example: '2024-06-30', format: 'date' })
  @IsCalendarDate()
  endedOn!: string;

  @ApiProperty({ enum: NEED_ENDED_REASONS, example: 'employment-income' })
  @IsIn(NEED_ENDED_REASONS)
  reason!: NeedEndedReason;
}

export class ResumeNeedDto {
  @ApiProperty({ example: '2024-11-01', format: 'date' })
  @IsCalendarDate()
  resumedOn!: string;
}

export class CloseCaseDto {
  @ApiProperty({ example: '2024-09-30', format: 'date' })
  @IsCalendarDate()
  closedOn!: string;

  @ApiProperty({ enum: CASE_CLOSE_REASONS, example: 'need-ended' })
  @IsIn(CASE_CLOSE_REASONS)
  reason!: CaseCloseReason;
}
