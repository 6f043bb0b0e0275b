import { IsEnum, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { FreeText } from '../../common/input-rules';
import { RebuttalStance } from '../../generated/prisma/enums';

/** How a counterclaim stands against a claim, and why: the fields every new rebuttal carries. */
@InputType()
export abstract class RebuttalStanceInput {
  @Field(() => RebuttalStance, { description: 'How the counterclaim stands against the claim.' })
  @IsEnum(RebuttalStance)
  stance!: RebuttalStance;

  @Field(() => String, { nullable: true, description: 'Why the counterclaim counters the claim, briefly; at most 2000 characters.' })
  @FreeText()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  rationale?: string | null;
}

@InputType({ description: 'A new rebuttal between two existing claims.' })
export class CreateRebuttalInput extends RebuttalStanceInput {
  @Field(() => ID, { description: 'The claim being countered.' })
  @IsUUID()
  claimId!: string;

  @Field(() => ID, { description: 'The claim that counters it.' })
  @IsUUID()
  counterclaimId!: string;
}

@InputType({ description: 'Fields to change; omitted fields stay as they are, null clears the rationale.' })
export class UpdateRebuttalInput {
  @Field(() => RebuttalStance, { nullable: true, description: 'New stance. Cannot be null.' })
  @IsEnum(RebuttalStance)
  stance?: RebuttalStance;

  @Field(() => String, { nullable: true, description: 'New rationale, at most 2000 characters; null clears it.' })
  @FreeText()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  rationale?: string | null;
}
