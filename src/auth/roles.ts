// The roles of a newsroom, as a ladder: each has the rights of those below it and adds one responsibility. Anyone
// (without a key, unless AUTH_ANONYMOUS_READS is off) and VIEWER read; EDITOR records what was said (speakers,
// sources, claims, rebuttals); REVIEWER checks it (reviews, and the workflow up to REVIEWED); PUBLISHER answers for
// what the public sees (publishes, retracts, corrects a published verdict); ADMIN manages keys and may delete.
// Deleting is kept apart from editing because the record is evidence: a wrong claim is corrected, not made to vanish.
import { Role } from '../generated/prisma/enums';

export { Role };

export const ROLE_LADDER: readonly Role[] = [Role.VIEWER, Role.EDITOR, Role.REVIEWER, Role.PUBLISHER, Role.ADMIN];

const RANK = new Map(ROLE_LADDER.map((role, rank) => [role, rank]));

/** Whether `role` has the rights of `needed`. */
export function roleIncludes(role: Role, needed: Role): boolean {
  return RANK.get(role)! >= RANK.get(needed)!;
}
