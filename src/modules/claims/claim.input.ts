import { ArrayMaxSize, ArrayNotEmpty, IsEnum, IsOptional, IsString, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { FreeText, NonBlank } from '../../common/input-rules';
import { LocalDateScalar } from '../../common/scalars';
import { ClaimKind, ReviewStatus } from '../../generated/prisma/enums';
import { RebuttalStanceInput } from '../rebuttals/rebuttal.input';

export const MAX_CLAIM_LENGTH = 10_000;

@InputType({ description: 'A rebuttal the new claim makes against an existing claim, written with it in one transaction.' })
export class ClaimRebutsInput extends RebuttalStanceInput {
  @Field(() => ID, { description: 'The existing claim the new claim counters.' })
  @IsUUID()
  claimId!: string;
}

@InputType({ description: 'A new claim: what a speaker asserted, and optionally where it was reported.' })
export class CreateClaimInput {
  @Field({ description: `The quote, verbatim, or the sentence that reports it; not blank, at most ${MAX_CLAIM_LENGTH} characters.` })
  @FreeText()
  @IsString()
  @NonBlank(MAX_CLAIM_LENGTH)
  text!: string;

  @Field(() => ClaimKind, { description: 'Whether text is a verbatim quote or a paraphrase.' })
  @IsEnum(ClaimKind)
  kind!: ClaimKind;

  @Field(() => LocalDateScalar, { nullable: true, description: 'The day it was said (YYYY-MM-DD); omit or null when unknown.' })
  @IsOptional()
  statedAt?: Date | null;

  @Field(() => ID, { description: 'The speaker who asserted it (an existing Speaker id).' })
  @IsUUID()
  speakerId!: string;

  @Field(() => ID, { nullable: true, description: 'The source that reports it (an existing Source id); omit or null when none.' })
  @IsOptional()
  @IsUUID()
  sourceId?: string | null;

  @Field(() => [ClaimRebutsInput], { nullable: true, description: 'Claims this one counters.' })
  @IsOptional()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  rebuts?: ClaimRebutsInput[] | null;
}

@InputType({ description: 'Fields to change; omitted fields stay as they are, null clears an optional field.' })
export class UpdateClaimInput {
  @Field(() => String, { nullable: true, description: `New text; not blank, at most ${MAX_CLAIM_LENGTH} characters. Cannot be null.` })
  @FreeText()
  @IsString()
  @NonBlank(MAX_CLAIM_LENGTH)
  text?: string;

  @Field(() => ClaimKind, { nullable: true, description: 'New kind. Cannot be null.' })
  @IsEnum(ClaimKind)
  kind?: ClaimKind;

  @Field(() => LocalDateScalar, { nullable: true, description: 'New day it was said (YYYY-MM-DD); null when unknown.' })
  @IsOptional()
  statedAt?: Date | null;

  @Field(() => ID, { nullable: true, description: 'Another speaker (an existing Speaker id). Cannot be null.' })
  @IsUUID()
  speakerId?: string;

  @Field(() => ID, { nullable: true, description: 'Another source (an existing Source id); null detaches the claim from its source.' })
  @IsOptional()
  @IsUUID()
  sourceId?: string | null;
}

@InputType({ description: 'Narrows a list of claims; all given conditions must hold.' })
export class ClaimFilter {
  @Field(() => ID, { nullable: true, description: 'Asserted by this speaker.' })
  @IsOptional()
  @IsUUID()
  speakerId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Reported by this source.' })
  @IsOptional()
  @IsUUID()
  sourceId?: string | null;

  @Field(() => ClaimKind, { nullable: true, description: 'Of this kind.' })
  @IsOptional()
  @IsEnum(ClaimKind)
  kind?: ClaimKind | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Stated on or after this day.' })
  @IsOptional()
  statedFrom?: Date | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Stated on or before this day.' })
  @IsOptional()
  statedTo?: Date | null;

  @Field(() => [ReviewStatus], { nullable: true, description: 'In any of these review statuses.' })
  @IsOptional()
  @ArrayNotEmpty()
  @ArrayMaxSize(Object.keys(ReviewStatus).length)
  @IsEnum(ReviewStatus, { each: true })
  reviewStatus?: ReviewStatus[] | null;

  @Field(() => String, { nullable: true, description: 'Text contains this, ignoring case.' })
  @FreeText()
  @IsOptional()
  @IsString()
  @MaxLength(500)
  text?: string | null;
}
