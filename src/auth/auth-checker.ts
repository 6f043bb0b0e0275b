// type-graphql's auth checker for @Authorized(role): the role is the least one needed (permissions.ts). It throws
// rather than returning false, so that the client learns which role would do (type-graphql's own errors do not say).
import type { AuthChecker } from 'type-graphql';
import type { Context } from '../context';
import { requireRole } from './permissions';
import type { Role } from './roles';

export const authChecker: AuthChecker<Context, Role> = ({ context, info }, roles) => {
  const [needed] = roles;
  if (needed === undefined || roles.length > 1)
    throw new Error(`@Authorized on ${info.parentType.name}.${info.fieldName} must name exactly one role`);
  requireRole(context.viewer, needed, `run ${info.fieldName}`);
  return true;
};
