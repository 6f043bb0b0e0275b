import { IsDate, IsEnum, IsOptional, IsString, MaxLength } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { IsHttpUrl, NonBlank } from '../../common/input-rules';
import { SourceKind } from '../../generated/prisma/enums';

/** The optional fields, alike on create and update (where null clears them). */
@InputType()
abstract class SourceDetailsInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsHttpUrl()
  @MaxLength(2000)
  url?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  publisher?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  author?: string | null;

  @Field(() => Date, { nullable: true })
  @IsOptional()
  @IsDate()
  publishedAt?: Date | null;
}

@InputType()
export class CreateSourceInput extends SourceDetailsInput {
  @Field()
  @IsString()
  @NonBlank(500)
  title!: string;

  @Field(() => SourceKind, { nullable: true, defaultValue: SourceKind.ARTICLE })
  @IsOptional()
  @IsEnum(SourceKind)
  kind?: SourceKind | null;
}

@InputType({ description: 'Fields to change; omitted fields stay as they are, null clears an optional field.' })
export class UpdateSourceInput extends SourceDetailsInput {
  @Field(() => String, { nullable: true })
  @IsString()
  @NonBlank(500)
  title?: string;

  @Field(() => SourceKind, { nullable: true })
  @IsEnum(SourceKind)
  kind?: SourceKind;
}
