// What a service refuses, in the domain's words: the rule broken and, when one field of the use case is at fault, its
// name there ("speakerId", "rebuts.0.claimId", "status"), never a GraphQL argument path. Nothing here knows GraphQL:
// the API edge (errors/graphql-edge.ts) turns each into the client's error, with its stable code and the argument the
// field came in.

export interface DomainErrorOptions {
  /** The use case's field at fault, e.g. "slug"; a dotted path into a list or object, e.g. "rebuts.0.claimId". */
  field?: string;
  /** The values that would have been accepted, when there are few (e.g. the review statuses a claim may move to). */
  allowed?: readonly string[];
}

export abstract class DomainError extends Error {
  readonly field: string | undefined;
  readonly allowed: readonly string[] | undefined;

  protected constructor(message: string, options: DomainErrorOptions) {
    super(message);
    this.name = new.target.name;
    this.field = options.field;
    this.allowed = options.allowed;
  }
}

/** A value the rules refuse (the client's to correct). */
export class InvalidInput extends DomainError {
  constructor(message: string, options: DomainErrorOptions = {}) {
    super(message, options);
  }
}

/** The record addressed does not exist (or no longer does). */
export class NotFound extends DomainError {
  constructor(entity: string, id: string, options: DomainErrorOptions = {}) {
    super(`${entity} ${id} does not exist`, options);
  }
}

/** The request is valid but clashes with what is stored: a duplicate key, a record still in use, a state already left. */
export class Conflict extends DomainError {
  constructor(message: string, options: DomainErrorOptions = {}) {
    super(message, options);
  }
}

/** Who is asking is unknown: no API key where the use case needs one (or one that no longer works). */
export class NotAuthenticated extends DomainError {
  constructor(message: string) {
    super(message, {});
  }
}

/** Who is asking is known, but their role may not do this; `requiredRole` is the least role that may. */
export class NotPermitted extends DomainError {
  constructor(
    readonly action: string,
    readonly requiredRole: string,
  ) {
    super(`Only ${requiredRole} keys (or higher) may ${action}`, {});
  }
}
