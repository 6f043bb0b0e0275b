import { IsEnum, IsOptional, IsString, IsUUID, Matches } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { HistoryAction, HistoryEntityType } from '../../generated/prisma/enums';

@InputType({ description: 'Every condition given must hold.' })
export class HistoryFilter {
  @Field(() => HistoryEntityType, { nullable: true, description: 'Changes to records of this kind.' })
  @IsOptional()
  @IsEnum(HistoryEntityType)
  entityType?: HistoryEntityType | null;

  @Field(() => ID, { nullable: true, description: 'The record changed (it may since have been deleted).' })
  @IsOptional()
  @IsUUID()
  entityId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The API key that made the change (Viewer.id, HistoryActor.keyId).' })
  @IsOptional()
  @IsUUID()
  actorId?: string | null;

  @Field(() => HistoryAction, { nullable: true, description: 'Changes of this kind.' })
  @IsOptional()
  @IsEnum(HistoryAction)
  action?: HistoryAction | null;

  @Field(() => String, { nullable: true, description: 'Entries that changed this field, as the API names it: "text", "reviewStatus", ...' })
  @IsOptional()
  @IsString()
  @Matches(/^[a-z][A-Za-z0-9]{0,62}$/, { message: '$property must be a field name as the API writes it, e.g. "reviewStatus"' })
  field?: string | null;

  @Field(() => Date, { nullable: true, description: 'Entries recorded at or after this instant.' })
  @IsOptional()
  since?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Entries recorded at or before this instant.' })
  @IsOptional()
  until?: Date | null;
}
