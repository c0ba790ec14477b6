// The Inngest client. Every request it makes has a deadline: a server that accepts and never
// answers must not hang the relay (measured in stack.md: without one, send() waits for ever).
import { Inngest } from "inngest";

export const SEND_TIMEOUT_MS = Number(process.env.INNGEST_SEND_TIMEOUT_MS ?? 5_000);

export function fetchWithTimeout(ms: number): typeof fetch {
  return (input, init) => {
    const deadline = AbortSignal.timeout(ms);
    const signal = init?.signal ? AbortSignal.any([init.signal, deadline]) : deadline;
    return fetch(input, { ...init, signal });
  };
}

/** A client; INNGEST_EVENT_KEY, INNGEST_SIGNING_KEY, INNGEST_DEV and INNGEST_BASE_URL come from the environment. */
export function createInngestClient(options: { timeoutMs?: number; baseUrl?: string; eventKey?: string } = {}) {
  return new Inngest({ id: "isp-cloud", fetch: fetchWithTimeout(options.timeoutMs ?? SEND_TIMEOUT_MS), baseUrl: options.baseUrl, eventKey: options.eventKey });
}

export const inngest = createInngestClient();
