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

  @Field(() => String, { nullable: true, description: 'What the fact-checker found, at most 5000 characters.' })
  @FreeText()
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  summary?: string | null;

  @Field(() => String, { nullable: true, description: "The organisation's home page, an http(s) URL of at most 2000 characters." })
  @IsOptional()
  @IsHttpUrl()
  @MaxLength(2000)
  organizationUrl?: string | null;

  @Field(() => String, { nullable: true, description: 'The person who wrote the review, at most 200 characters.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  authorName?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Where the review is published, an http(s) URL of at most 2000 characters; unique across reviews.',
  })
  @IsOptional()
  @IsHttpUrl()
  @MaxLength(2000)
  url?: string | null;

  @Field(() => Date, { nullable: true, description: 'When the review was published (an ISO 8601 date-time).' })
  @IsOptional()
  @IsDate()
  publishedAt?: Date | null;

  @Field(() => String, { nullable: true, description: 'BCP 47 language tag, e.g. "en" or "de-DE".' })
  @IsOptional()
  @IsLanguageTag()
  @MaxLength(35)
  language?: string | null;
}

@InputType({ description: "A new review: a fact-checker's verdict on an existing claim." })
export class CreateReviewInput extends ReviewDetailsInput {
  @Field(() => ID, { description: 'The claim reviewed (an existing Claim id).' })
  @IsUUID()
  claimId!: string;

  @Field(() => ReviewRating, { description: 'The verdict on the normalised scale.' })
  @IsEnum(ReviewRating)
  rating!: ReviewRating;

  @Field({ description: 'The organisation that published the review; not blank, at most 200 characters.' })
  @IsString()
  @NonBlank(200)
  organizationName!: string;
}

@InputType({ description: 'Fields to change; omitted fields stay as they are, null clears an optional field.' })
export class UpdateReviewInput extends ReviewDetailsInput {
  @Field(() => ReviewRating, { nullable: true, description: 'New verdict. Cannot be null.' })
  @IsEnum(ReviewRating)
  rating?: ReviewRating;

  @Field(() => String, { nullable: true, description: 'New organisation name; not blank, at most 200 characters. Cannot be null.' })
  @IsString()
  @NonBlank(200)
  organizationName?: string;
}

@InputType({ description: 'Narrows a list of reviews; all given conditions must hold.' })
export class ReviewFilter {
  @Field(() => ID, { nullable: true, description: 'Reviews of this claim.' })
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
