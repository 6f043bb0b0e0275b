import { ArrayMaxSize, IsDate, IsEnum, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { FreeText, IsHttpUrl, IsLanguageTag, NonBlank } from '../../common/input-rules';
import { ReviewRating } from '../../generated/prisma/enums';

/** The optional fields, alike on create and update (where null clears them). */
@InputType()
abstract class ReviewDetailsInput {
  @Field(() => String, { nullable: true, description: 'The publisher\'s own verdict, e.g. "Pants on Fire".' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  ratingText?: string | null;

  @Field(() => String, { nullable: true })
  @FreeText()
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  summary?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsHttpUrl()
  @MaxLength(2000)
  organizationUrl?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  authorName?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsHttpUrl()
  @MaxLength(2000)
  url?: string | null;

  @Field(() => Date, { nullable: true })
  @IsOptional()
  @IsDate()
  publishedAt?: Date | null;

  @Field(() => String, { nullable: true, description: 'BCP 47 language tag, e.g. "en" or "de-DE".' })
  @IsOptional()
  @IsLanguageTag()
  @MaxLength(35)
  language?: string | null;
}

@InputType()
export class CreateReviewInput extends ReviewDetailsInput {
  @Field(() => ID)
  @IsUUID()
  claimId!: string;

  @Field(() => ReviewRating)
  @IsEnum(ReviewRating)
  rating!: ReviewRating;

  @Field()
  @IsString()
  @NonBlank(200)
  organizationName!: string;
}

@InputType({ description: 'Fields to change; omitted fields stay as they are, null clears an optional field.' })
export class UpdateReviewInput extends ReviewDetailsInput {
  @Field(() => ReviewRating, { nullable: true })
  @IsEnum(ReviewRating)
  rating?: ReviewRating;

  @Field(() => String, { nullable: true })
  @IsString()
  @NonBlank(200)
  organizationName?: string;
}

@InputType({ description: 'Narrows a list of reviews; all given conditions must hold.' })
export class ReviewFilter {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  claimId?: string | null;

  @Field(() => [ReviewRating], { nullable: true, description: 'Any of these ratings.' })
  @IsOptional()
  @ArrayMaxSize(7)
  @IsEnum(ReviewRating, { each: true })
  rating?: ReviewRating[] | null;

  @Field(() => String, { nullable: true, description: 'The organisation, ignoring case.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  organizationName?: string | null;

  @Field(() => String, { nullable: true, description: 'A BCP 47 tag; "en" also matches "en-GB".' })
  @IsOptional()
  @IsLanguageTag()
  language?: string | null;
}
