import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { createConnectionType } from '../../common/connection.type';
import { CREATED_AT_DESCRIPTION, UPDATED_AT_DESCRIPTION } from '../../common/descriptions';
import { Node, NODE_ID_DESCRIPTION } from '../../common/node.type';
import { RebuttalStance } from '../../generated/prisma/enums';

registerEnumType(RebuttalStance, {
  name: 'RebuttalStance',
  description: 'How a counterclaim stands against the claim it counters.',
  valuesConfig: {
    REFUTES: { description: 'Says the claim is false.' },
    DISPUTES: { description: 'Challenges its evidence or motive.' },
    QUALIFIES: { description: 'Limits it or adds context.' },
  },
});

@ObjectType({ description: 'An edge of the dispute graph: `counterclaim` counters `claim`.', simpleResolvers: true, implements: Node })
export class Rebuttal implements Node {
  @Field(() => ID, { description: NODE_ID_DESCRIPTION })
  id!: string;

  claimId!: string;

  counterclaimId!: string;

  @Field(() => RebuttalStance, { description: 'How the counterclaim stands against the claim.' })
  stance!: RebuttalStance;

  @Field(() => String, { nullable: true, description: 'Why the counterclaim counters the claim, briefly.' })
  rationale!: string | null;

  @Field({ description: CREATED_AT_DESCRIPTION })
  createdAt!: Date;

  @Field({ description: UPDATED_AT_DESCRIPTION })
  updatedAt!: Date;
}

export const RebuttalConnection = createConnectionType('Rebuttal', Rebuttal);
