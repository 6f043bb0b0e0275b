import type http from 'node:http';
import { ClientClosedRequestError, OperationTimeoutError } from '../errors/app-errors';

/**
 * The abort signal of one GraphQL operation (Context.signal): aborted with an OperationTimeoutError when its time
 * budget runs out, or with a ClientClosedRequestError when the connection closes before the response is complete.
 * The budget timer ends with the response.
 */
export function operationSignal(response: http.ServerResponse, budgetMs: number): AbortSignal {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new OperationTimeoutError(budgetMs)), budgetMs);
  // A server that is stopping waits for in-flight requests, not for their timers.
  timer.unref();
  response.once('close', () => {
    clearTimeout(timer);
    if (!response.writableFinished) controller.abort(new ClientClosedRequestError());
  });
  return controller.signal;
}
