// type-graphql's auth checker for @Authorized(role): the role is the least one needed (permissions.ts). It throws
// rather than returning false, so that the client learns which role would do (type-graphql's own errors do not say).
import type { AuthChecker } from 'type-graphql';
import type { Context } from '../context';
import { DomainError } from '../errors/domain-errors';
import { toGraphQLError } from '../errors/graphql-edge';
import { requireRole } from './permissions';
import type { Role } from './roles';

export const authChecker: AuthChecker<Context, Role> = ({ context, info }, roles) => {
  const [needed] = roles;
  if (needed === undefined || roles.length > 1)
    throw new Error(`@Authorized on ${info.parentType.name}.${info.fieldName} must name exactly one role`);
  try {
    requireRole(context.viewer, needed, `run ${info.fieldName}`);
  } catch (error) {
    // The edge itself: mapped here, so that fields without arguments (which graphql-edge.ts leaves unwrapped) keep
    // the 401/403 status the mapped error carries.
    throw error instanceof DomainError ? toGraphQLError(error) : error;
  }
  return true;
};
