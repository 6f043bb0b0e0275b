/** Resolves once `condition` holds, checking every few milliseconds; fails after `deadlineMs`. Returns the wait. */
export async function until(condition: () => boolean | Promise<boolean>, deadlineMs = 20_000): Promise<number> {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > deadlineMs) throw new Error(`condition not met within ${deadlineMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return Date.now() - started;
}
