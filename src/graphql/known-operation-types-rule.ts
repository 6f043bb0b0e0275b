// Known Operation Types (GraphQL spec, "Operation Type Existence", graphql/graphql-spec#947): an operation whose root
// type the schema lacks (this API has no subscriptions) is a validation error. graphql-js adds this rule in v17; under
// v16 `subscription { x }` passes validation and fails in execution as an uncoded internal error.
import { GraphQLError, type ASTVisitor, type ValidationContext } from 'graphql';

export function KnownOperationTypesRule(context: ValidationContext): ASTVisitor {
  const schema = context.getSchema();
  return {
    OperationDefinition(node) {
      if (!schema.getRootType(node.operation)) {
        context.reportError(new GraphQLError(`The ${node.operation} operation is not supported by the schema.`, { nodes: node }));
      }
    },
  };
}
