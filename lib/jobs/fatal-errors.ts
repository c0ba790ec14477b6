// What a worker process does with an error nobody caught (an 'error' event without a listener in
// a router library, a rejected promise nobody awaited): it logs it, records it for the runs it
// leaves behind (bounded, best effort), and exits. It does not carry on: after an uncaught error
// the process's state (open sockets, half-written steps, pool connections) is unknown, and the
// supervisor restarts a clean one in a second. Poison-run protection (local/recover-crashed-runs.ts)
// then makes sure the run that did it cannot do it again and again.
export const FATAL_EXIT_CODE = 70;

export function exitOnFatalErrors(options: { log: (message: string) => void; record?: (text: string) => Promise<void> }): void {
  let dying = false;
  const die = (kind: string, error: unknown) => {
    if (dying) return;
    dying = true;
    const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    options.log(`${kind}: ${error instanceof Error ? error.stack : text}`);
    options.log(`exiting (code ${FATAL_EXIT_CODE}) so that the supervisor restarts a clean worker`);
    setTimeout(() => process.exit(FATAL_EXIT_CODE), 3000).unref();
    void Promise.resolve(options.record?.(text))
      .catch(() => {})
      .finally(() => process.exit(FATAL_EXIT_CODE));
  };
  process.on("uncaughtException", (error) => die("uncaught exception", error));
  process.on("unhandledRejection", (reason) => die("unhandled rejection", reason));
}
