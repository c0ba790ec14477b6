// What a worker process does with an error nobody caught (an 'error' event without a listener in
// a router library, a rejected promise nobody awaited): it logs it, records it for the runs it
// leaves behind (bounded, best effort), and exits. It does not carry on: after an uncaught error
// the process's state (open sockets, half-written steps, pool connections) is unknown, and the
// supervisor restarts a clean one in a second. Poison-run protection (local/recover-crashed-runs.ts)
// then makes sure the run that did it cannot do it again and again.
export const FATAL_EXIT_CODE = 70;

/**
 * The text recorded for the run(s) the process leaves behind, which their ISP sees at
 * /admin/jobs. The error was not caught, so it may come from another run's leftovers (a socket
 * of a router of another ISP): addresses are blanked and the text is short. The full error and
 * stack go to the process log only.
 */
export function describeFatal(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text
    .replace(/\[?(?:[0-9a-f]{0,4}:){2,7}[0-9a-f]{0,4}\]?(:\d+)?/gi, "<address>")
    .replace(/\b\d{1,3}(\.\d{1,3}){3}(:\d+)?\b/g, "<address>")
    .replace(/\b[a-z0-9-]+(\.[a-z0-9-]+)+:\d+\b/gi, "<address>")
    .slice(0, 300);
}

export function exitOnFatalErrors(options: { log: (message: string) => void; record?: (text: string) => Promise<void> }): void {
  let dying = false;
  const die = (kind: string, error: unknown) => {
    if (dying) return;
    dying = true;
    const text = describeFatal(error);
    options.log(`${kind}: ${error instanceof Error ? error.stack : String(error)}`);
    options.log(`exiting (code ${FATAL_EXIT_CODE}) so that the supervisor restarts a clean worker`);
    setTimeout(() => process.exit(FATAL_EXIT_CODE), 3000).unref();
    void Promise.resolve(options.record?.(text))
      .catch(() => {})
      .finally(() => process.exit(FATAL_EXIT_CODE));
  };
  process.on("uncaughtException", (error) => die("uncaught exception", error));
  process.on("unhandledRejection", (reason) => die("unhandled rejection", reason));
}
