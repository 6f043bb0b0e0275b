import { ArrayMaxSize, IsBoolean, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { PageArgs } from '../../common/connection.type';
import { IsHttpUrl, NonBlank, SLUG_PATTERN, UniqueItems } from '../../common/input-rules';
import { MAX_SAME_AS, WIKIDATA_ID_PATTERN } from './speaker-identity';

export const MAX_ALIASES = 20;

const slugRule = Matches(SLUG_PATTERN, {
  message: 'slug must be lowercase letters and digits joined by single hyphens, e.g. "heiko-maas"',
});

const wikidataIdRule = Matches(WIKIDATA_ID_PATTERN, {
  message: '$property must be a Wikidata item id: "Q" and digits without a leading zero, e.g. "Q22686"',
});

/** The optional fields, alike on create and update (where null clears them). */
@InputType()
abstract class SpeakerDetailsInput {
  @Field(() => String, { nullable: true, description: 'Role or title as the source gives it, at most 200 characters; null when none.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  role?: string | null;

  @Field(() => String, { nullable: true, description: 'The government or organisation the speaker speaks for, at most 200 characters.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  affiliation?: string | null;

  @Field(() => String, { nullable: true, description: 'The country the speaker belongs to (free text), at most 100 characters.' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  country?: string | null;

  @Field(() => [String], {
    nullable: true,
    description: `Other names the speaker goes by (titles, short forms, spellings), found by speakers(search). Trimmed; at most ${MAX_ALIASES}, none repeated (ignoring case).`,
  })
  @IsOptional()
  @ArrayMaxSize(MAX_ALIASES)
  @IsString({ each: true })
  @NonBlank(200, { each: true })
  @UniqueItems(
    (alias: string) => (typeof alias === 'string' ? alias.trim().toLowerCase() : alias),
    'aliases must not repeat a name (ignoring case)',
  )
  aliases?: string[] | null;

  @Field(() => String, {
    nullable: true,
    description:
      'The Wikidata item the speaker is, "Q" and digits (e.g. "Q22686"); unique among speakers. Refused for an unnamed speaker, which takes its identity from its organization.',
  })
  @IsOptional()
  @wikidataIdRule
  wikidataId?: string | null;

  @Field(() => [String], {
    nullable: true,
    description: `Other pages that stand for the speaker (Wikipedia, an official page): absolute http(s) URLs, at most ${MAX_SAME_AS}, kept once each. Refused for an unnamed speaker.`,
  })
  @IsOptional()
  @ArrayMaxSize(MAX_SAME_AS)
  @IsString({ each: true })
  @MaxLength(2000, { each: true })
  @IsHttpUrl({ each: true })
  sameAs?: string[] | null;

  @Field(() => ID, {
    nullable: true,
    description:
      'The speaker that stands for the body this one speaks for ("a NATO official" -> NATO): the identity of an unnamed speaker. It must not have an organization itself.',
  })
  @IsOptional()
  @IsUUID()
  organizationId?: string | null;
}

@InputType({ description: 'A new speaker.' })
export class CreateSpeakerInput extends SpeakerDetailsInput {
  @Field({ description: 'The name as it is best known; not blank, at most 200 characters.' })
  @IsString()
  @NonBlank(200)
  name!: string;

  @Field(() => String, {
    nullable: true,
    description: 'Lowercase letters and digits joined by single hyphens, at most 100 characters; derived from the name when omitted.',
  })
  @IsOptional()
  @slugRule
  @MaxLength(100)
  slug?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    defaultValue: true,
    description: 'False for an anonymous attribution such as "a senior U.S. official".',
  })
  @IsOptional()
  @IsBoolean()
  isNamed?: boolean | null;
}

@InputType({ description: 'Fields to change; omitted fields stay as they are, null clears an optional field.' })
export class UpdateSpeakerInput extends SpeakerDetailsInput {
  @Field(() => String, { nullable: true, description: 'New name; not blank, at most 200 characters. Cannot be null.' })
  @IsString()
  @NonBlank(200)
  name?: string;

  @Field(() => String, { nullable: true, description: 'New slug (lowercase letters and digits joined by single hyphens). Cannot be null.' })
  @IsString()
  @slugRule
  @MaxLength(100)
  slug?: string;

  @Field(() => Boolean, { nullable: true, description: 'False for an anonymous attribution. Cannot be null.' })
  @IsBoolean()
  isNamed?: boolean;
}

@ArgsType()
export class SpeakerSearchArgs extends PageArgs {
  @Field(() => String, {
    nullable: true,
    description:
      'Only speakers whose name or an alias contains this, ignoring case, accents and punctuation ("stolten", "nato secretary general").',
  })
  search?: string | null;
}

@ArgsType()
export class SpeakerLookupArgs {
  @Field(() => ID, { nullable: true, description: "The speaker's id; give this, slug or wikidataId." })
  id?: string | null;

  @Field(() => String, { nullable: true, description: "The speaker's slug; give this, id or wikidataId." })
  slug?: string | null;

  @Field(() => String, { nullable: true, description: 'The Wikidata item id of the speaker, e.g. "Q22686"; give this, id or slug.' })
  wikidataId?: string | null;
}
