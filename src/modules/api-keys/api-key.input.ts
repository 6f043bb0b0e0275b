import { IsDate, IsEnum, IsOptional, IsString } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { NonBlank } from '../../common/input-rules';
import { Role } from '../../auth/roles';

@InputType({ description: 'A new API key.' })
export class CreateApiKeyInput {
  @Field({ description: 'Who or what will hold it, e.g. "Jane Doe (desk)" or "nightly import".' })
  @IsString()
  @NonBlank(200)
  name!: string;

  @Field(() => Role, { description: 'What the key may do.' })
  @IsEnum(Role)
  role!: Role;

  @Field(() => Date, { nullable: true, description: 'When it stops working; never, when omitted.' })
  @IsOptional()
  @IsDate()
  expiresAt?: Date | null;
}
