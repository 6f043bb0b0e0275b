import { IsBoolean, IsInt, IsNumber, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { FreeText, IsLanguageTag } from '../../common/input-rules';
import { Field, Float, ID, InputType, Int } from 'type-graphql';
import { OFFSETS_DESCRIPTION } from './appearance.type';

/** The longest text a source may hold: 2 MB of a long transcript, with room. */
export const MAX_CONTENT_LENGTH = 2_000_000;

@InputType({
  description:
    `An anchor: the exact words (with prefix or suffix when they stand more than once), a start and end, or both (checked to agree). ` +
    `With only exact, the position is found. ${OFFSETS_DESCRIPTION}`,
})
export class AnchorInput {
  @Field(() => String, { nullable: true, description: 'The passage, compared after NFC with quotes and whitespace folded.' })
  @FreeText()
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(10_000)
  exact?: string | null;

  @Field(() => String, { nullable: true, description: 'Text just before the passage, to tell repeated passages apart.' })
  @FreeText()
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  prefix?: string | null;

  @Field(() => String, { nullable: true, description: 'Text just after the passage, to tell repeated passages apart.' })
  @FreeText()
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  suffix?: string | null;

  @Field(() => Int, { nullable: true, description: 'The first code point of the passage; with end.' })
  @IsOptional()
  @IsInt()
  @Min(0)
  start?: number | null;

  @Field(() => Int, { nullable: true, description: 'The code point after the passage; with start.' })
  @IsOptional()
  @IsInt()
  @Min(0)
  end?: number | null;

  @Field(() => Float, { nullable: true, description: 'For audio and video: where the passage is said, in seconds.' })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(1e7)
  startSeconds?: number | null;

  @Field(() => Float, { nullable: true, description: 'For audio and video: where the passage ends, in seconds.' })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(1e7)
  endSeconds?: number | null;
}

@InputType({ description: 'A claim appearing in a source.' })
export class AddAppearanceInput {
  @Field(() => ID, { description: 'The claim.' })
  @IsUUID()
  claimId!: string;

  @Field(() => ID, { description: 'The source it appears in.' })
  @IsUUID()
  sourceId!: string;

  @Field(() => AnchorInput, { nullable: true, description: 'Where in the source’s text; none when omitted.' })
  @IsOptional()
  @ValidateNested()
  anchor?: AnchorInput | null;

  @Field(() => Boolean, {
    nullable: true,
    description: "Make it the claim's first appearance (the claim's source follows). A claim's only appearance is its first.",
  })
  @IsOptional()
  @IsBoolean()
  isFirst?: boolean | null;
}

@InputType({ description: 'Moves an appearance; omitted fields stay as they are.' })
export class UpdateAppearanceInput {
  @Field(() => ID, { nullable: true, description: 'Another source; the anchor is placed anew in its text unless one is given.' })
  @IsOptional()
  @IsUUID()
  sourceId?: string | null;

  @Field(() => AnchorInput, { nullable: true, description: 'A new anchor; null removes it.' })
  @IsOptional()
  @ValidateNested()
  anchor?: AnchorInput | null;

  @Field(() => Boolean, { nullable: true, description: 'true makes it the first appearance (the previous first no longer is).' })
  @IsOptional()
  @IsBoolean()
  isFirst?: boolean | null;
}

@InputType({ description: "A source's text: set, or replaced (the earlier one stays in history), re-checking every anchor into it." })
export class SetSourceContentInput {
  @Field(() => ID, { description: 'The source.' })
  @IsUUID()
  sourceId!: string;

  @Field({ description: `The text the source was read from; stored in NFC. At most ${MAX_CONTENT_LENGTH} characters.` })
  @FreeText()
  @IsString()
  @MaxLength(MAX_CONTENT_LENGTH)
  content!: string;

  @Field(() => String, { nullable: true, description: 'BCP 47 language tag of the text, e.g. "en"; stored in canonical case.' })
  @IsOptional()
  @IsLanguageTag()
  language?: string | null;

  @Field(() => Date, { nullable: true, description: 'When the text was read from the source (fetched, transcribed).' })
  @IsOptional()
  retrievedAt?: Date | null;
}
