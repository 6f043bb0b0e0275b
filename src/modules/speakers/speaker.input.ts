import { IsBoolean, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { NonBlank, SLUG_PATTERN } from '../../common/input-rules';

const slugRule = Matches(SLUG_PATTERN, { message: 'slug must be lowercase letters and digits joined by single hyphens, e.g. "heiko-maas"' });

/** The optional fields, alike on create and update (where null clears them). */
@InputType()
abstract class SpeakerDetailsInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  role?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  affiliation?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  country?: string | null;
}

@InputType()
export class CreateSpeakerInput extends SpeakerDetailsInput {
  @Field()
  @IsString()
  @NonBlank(200)
  name!: string;

  @Field(() => String, { nullable: true, description: 'Derived from the name when omitted.' })
  @IsOptional()
  @slugRule
  @MaxLength(100)
  slug?: string | null;

  @Field(() => Boolean, { nullable: true, defaultValue: true })
  @IsOptional()
  @IsBoolean()
  isNamed?: boolean | null;
}

@InputType({ description: 'Fields to change; omitted fields stay as they are, null clears an optional field.' })
export class UpdateSpeakerInput extends SpeakerDetailsInput {
  @Field(() => String, { nullable: true })
  @IsString()
  @NonBlank(200)
  name?: string;

  @Field(() => String, { nullable: true })
  @IsString()
  @slugRule
  @MaxLength(100)
  slug?: string;

  @Field(() => Boolean, { nullable: true })
  @IsBoolean()
  isNamed?: boolean;
}

@ArgsType()
export class SpeakerLookupArgs {
  @Field(() => ID, { nullable: true })
  id?: string | null;

  @Field(() => String, { nullable: true })
  slug?: string | null;
}
