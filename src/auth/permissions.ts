// Who may do what: the one table of the roles each operation needs (roles.ts explains the ladder). Mutations take
// theirs through type-graphql's @Authorized(PERMISSIONS.<field>), and the schema refuses to build when a mutation has
// no entry or another role than the table's (graphql/schema.ts). Rules that depend on the record, not only on the
// operation (publishing, correcting a published verdict), are checked by the services with requireRole.
import { NotAuthenticated, NotPermitted } from '../errors/domain-errors';
import { Role, roleIncludes } from './roles';
import type { Viewer } from './viewer';

export const PERMISSIONS = {
  createSpeaker: Role.EDITOR,
  updateSpeaker: Role.EDITOR,
  deleteSpeaker: Role.ADMIN,
  createSource: Role.EDITOR,
  updateSource: Role.EDITOR,
  deleteSource: Role.ADMIN,
  createClaim: Role.EDITOR,
  updateClaim: Role.EDITOR,
  deleteClaim: Role.ADMIN,
  createRebuttal: Role.EDITOR,
  updateRebuttal: Role.EDITOR,
  deleteRebuttal: Role.ADMIN,
  addAppearance: Role.EDITOR,
  updateAppearance: Role.EDITOR,
  /** An appearance is a citation, not a record of what was said: removing one is an editor's correction, as moving it. */
  removeAppearance: Role.EDITOR,
  setSourceContent: Role.EDITOR,
  createReview: Role.REVIEWER,
  updateReview: Role.REVIEWER,
  deleteReview: Role.ADMIN,
  /** Up to REVIEWED; moving a claim into or out of PUBLISHED needs PUBLISH_ROLE. */
  setClaimReviewStatus: Role.REVIEWER,
  createApiKey: Role.ADMIN,
  revokeApiKey: Role.ADMIN,
  /** A query: the list of keys. */
  apiKeys: Role.ADMIN,
} as const satisfies Record<string, Role>;

export type PermittedOperation = keyof typeof PERMISSIONS;

/** Publishing a claim, retracting it, and any change to the reviews of a published claim (a correction). */
export const PUBLISH_ROLE = Role.PUBLISHER;

/** Who sees the history of claims that are not published (and their reviews and rebuttals); others see the published. */
export const UNPUBLISHED_HISTORY_ROLE = Role.EDITOR;

/**
 * Throws NotAuthenticated without a viewer, NotPermitted naming `needed` when the viewer's role is below it (domain
 * errors: services check record-dependent rules with it; the edge makes them UNAUTHENTICATED and FORBIDDEN).
 */
export function requireRole(viewer: Pick<Viewer, 'role'> | null, needed: Role, action: string): void {
  if (!viewer) throw new NotAuthenticated(`An API key is needed to ${action}: send Authorization: Bearer <key>`);
  if (!roleIncludes(viewer.role, needed)) throw new NotPermitted(action, needed);
}

export function hasRole(viewer: Pick<Viewer, 'role'> | null, needed: Role): boolean {
  return viewer !== null && roleIncludes(viewer.role, needed);
}
