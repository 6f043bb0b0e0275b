import { IsDate, IsEnum, IsOptional, IsString, MaxLength } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { IsHttpUrl, NonBlank } from '../../common/input-rules';
import { SourceKind } from '../../generated/prisma/enums';

/** The optional fields, alike on create and update (where null clears them). */
@InputType()
abstract class SourceDetailsInput {
  @Field(() => String, { nullable: true, description: 'Canonical http(s) URL, at most 2000 characters; unique across sources.' })
  @IsOptional()
  @IsHttpUrl()
  @MaxLength(2000)
  url?: string | null;

  @Field(() => String, { nullable: true, description: 'Who published it, at most 200 characters.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  publisher?: string | null;

  @Field(() => String, { nullable: true, description: 'Who wrote it, at most 200 characters.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  author?: string | null;

  @Field(() => Date, { nullable: true, description: 'When it was published (an ISO 8601 date-time).' })
  @IsOptional()
  @IsDate()
  publishedAt?: Date | null;
}

@InputType({ description: 'A new source.' })
export class CreateSourceInput extends SourceDetailsInput {
  @Field({ description: 'The headline or title; not blank, at most 500 characters.' })
  @IsString()
  @NonBlank(500)
  title!: string;

  @Field(() => SourceKind, { nullable: true, defaultValue: SourceKind.ARTICLE, description: 'What kind of publication it is.' })
  @IsOptional()
  @IsEnum(SourceKind)
  kind?: SourceKind | null;
}

@InputType({ description: 'Fields to change; omitted fields stay as they are, null clears an optional field.' })
export class UpdateSourceInput extends SourceDetailsInput {
  @Field(() => String, { nullable: true, description: 'New title; not blank, at most 500 characters. Cannot be null.' })
  @IsString()
  @NonBlank(500)
  title?: string;

  @Field(() => SourceKind, { nullable: true, description: 'New kind. Cannot be null.' })
  @IsEnum(SourceKind)
  kind?: SourceKind;
}
