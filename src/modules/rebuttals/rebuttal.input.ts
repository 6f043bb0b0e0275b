import { IsEnum, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { RebuttalStance } from '../../generated/prisma/enums';

@InputType()
export class CreateRebuttalInput {
  @Field(() => ID, { description: 'The claim being countered.' })
  @IsUUID()
  claimId!: string;

  @Field(() => ID, { description: 'The claim that counters it.' })
  @IsUUID()
  counterclaimId!: string;

  @Field(() => RebuttalStance)
  @IsEnum(RebuttalStance)
  stance!: RebuttalStance;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  rationale?: string | null;
}

@InputType({ description: 'Fields to change; omitted fields stay as they are, null clears the rationale.' })
export class UpdateRebuttalInput {
  @Field(() => RebuttalStance, { nullable: true })
  @IsEnum(RebuttalStance)
  stance?: RebuttalStance;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  rationale?: string | null;
}
