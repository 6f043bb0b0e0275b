import { IsOptional, IsString, MaxLength } from 'class-validator';
import { ArgsType, Field } from 'type-graphql';
import { FreeText } from '../../common/input-rules';

/** The reason every mutation may give, kept in the history of what it changes. */
@ArgsType()
export class ReasonArgs {
  @Field(() => String, {
    nullable: true,
    description: 'Why the change is made: kept in its history entry. Required to correct a published verdict (a correction).',
  })
  @FreeText()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string | null;
}
