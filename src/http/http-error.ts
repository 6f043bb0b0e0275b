/**
 * An error the HTTP edge answers with its own status and message. With a code (a malformed GraphQL request body), the
 * answer is a GraphQL response, `{ errors: [{ message, extensions: { code } }] }`, as GraphQL clients read errors so;
 * without one (an unknown path, a body too large), `{ error: message }`.
 */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code?: string,
    /** Headers to send with it (WWW-Authenticate, Retry-After). */
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = 'HttpError';
  }

  body(): object {
    return this.code === undefined ? { error: this.message } : { errors: [{ message: this.message, extensions: { code: this.code } }] };
  }
}
