// What the fake gateways (fakes/daraja.ts, stripe.ts, paymongo.ts, paypal.ts, bkash.ts) share as
// HTTP servers: reading a request's body, answering JSON or HTML, the work they do in the background
// (webhooks, callbacks and browser returns in flight, with the log of what was sent) so a test can
// wait for all of it with settled(), a hosted checkout page's routes, and listening on a port and
// closing. What each gateway says and how it says it stays in its own fake.
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";

/** How long a fake waits for our side to answer a webhook or a browser return. */
const DELIVERY_TIMEOUT_MS = 10_000;

/** The request's body as text (UTF-8). */
export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

/** A JSON body ({} when empty), or null when it is not JSON (the fake answers that in its own words). */
export function jsonBody(raw: string): { body: Record<string, unknown> } | null {
  try {
    return { body: raw ? (JSON.parse(raw) as Record<string, unknown>) : {} };
  } catch {
    return null;
  }
}

/** Answers JSON; `headers` add to (or replace) the Content-Type. */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "Content-Type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}

/** Answers an HTML page as given. */
export function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, { "Content-Type": "text/html; charset=utf-8" });
  res.end(html);
}

export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** `n` random characters of `alphabet` (the gateways' id shapes). */
export const randomChars = (n: number, alphabet: string) => [...randomBytes(n)].map((b) => alphabet[b % alphabet.length]).join("");

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** What the customer does and how deliveries travel, for the whole server until changed; `set` changes what it is given. */
export function fakeMode<Outcome, Delivery>(initial: { outcome: Outcome; delivery: Delivery }) {
  const mode = { ...initial };
  const set = (next: { outcome?: Outcome; delivery?: Delivery }) => {
    mode.outcome = next.outcome ?? mode.outcome;
    mode.delivery = next.delivery ?? mode.delivery;
  };
  return { mode, set };
}

/** One entry of a fake's log of what it sent: the HTTP status our side answered (null: not reached, or not yet). */
type Logged = { status: number | null };

export interface Deliveries<Sent extends Logged> {
  /** Every request POSTed with `post`, with the status our side answered. */
  sent: Sent[];
  /** Counts `p` as in flight until it settles; returns it. */
  track<T>(p: Promise<T>): Promise<T>;
  /** Runs `fn` in `ms`; in flight until then (what `fn` starts is tracked on its own). */
  later(ms: number, fn: () => unknown): void;
  /**
   * POSTs `body` to `url` (Content-Type JSON unless `headers` say otherwise), in flight until our
   * side answers or the timeout passes; resolves with the status, or null when it was not reached.
   * `entry` goes into `sent` with that status when the answer comes, or at once with
   * `listWhenSent` (in the order sent, the status filled in when it comes).
   */
  post(url: string, body: string, headers: Record<string, string>, entry: Omit<Sent, "status">, listWhenSent?: boolean): Promise<number | null>;
  /** Resolves when everything in flight, and all it started, is done. */
  settled(): Promise<void>;
}

export function deliveries<Sent extends Logged>(): Deliveries<Sent> {
  const pending = new Set<Promise<unknown>>();
  const sent: Sent[] = [];
  const track = <T>(p: Promise<T>) => {
    pending.add(p);
    void p.finally(() => pending.delete(p));
    return p;
  };
  return {
    sent,
    track,
    later(ms, fn) {
      void track(new Promise<void>((resolve) => setTimeout(() => resolve(void fn()), ms)));
    },
    post(url, body, headers, entry, listWhenSent = false) {
      const logged = { ...entry, status: null } as Sent;
      if (listWhenSent) sent.push(logged);
      return track(
        fetch(url, { method: "POST", headers: { "Content-Type": "application/json", ...headers }, body, signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS) })
          .then(async (r) => {
            await r.text();
            return r.status as number | null;
          })
          .catch(() => null)
          .then((status) => {
            logged.status = status;
            if (!listWhenSent) sent.push(logged);
            return status;
          }),
      );
    },
    async settled() {
      while (pending.size) await Promise.allSettled([...pending]);
    },
  };
}

/** The browser following a redirect to us with a GET, not following ours: our status and Location (null: not reached). */
export async function browse(url: string): Promise<{ status: number | null; location: string | null }> {
  try {
    const r = await fetch(url, { redirect: "manual", signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS) });
    await r.text();
    return { status: r.status, location: r.headers.get("location") };
  } catch {
    return { status: null, location: null };
  }
}

/**
 * A hosted checkout page's routes (fake Stripe and PayMongo): GET /checkout/<id> shows the session's
 * page, POST /checkout/<id>/pay or /cancel finishes it and sends the browser where `finish` says
 * (303), an unknown id is a 404 page. False when the request is none of these (the fake answers it).
 */
export function checkoutPageRoutes<S extends { id: string }>(
  req: IncomingMessage,
  res: ServerResponse,
  sessions: S[],
  html: (s: S) => string,
  finish: (s: S, cancelled: boolean) => string,
): boolean {
  const m = /^\/checkout\/([^/]+)(?:\/(pay|cancel))?$/.exec(new URL(req.url ?? "/", "http://fake").pathname);
  if (!m) return false;
  const s = sessions.find((x) => x.id === m[1]);
  if (!s) {
    sendHtml(res, 404, "<!doctype html><title>Not found</title><h1>No such checkout</h1>");
    return true;
  }
  if (req.method === "GET" && !m[2]) {
    sendHtml(res, 200, html(s));
    return true;
  }
  if (req.method === "POST" && m[2]) {
    res.writeHead(303, { Location: finish(s, m[2] === "cancel") }).end();
    return true;
  }
  return false;
}

export interface FakeServer {
  /** http://host:port */
  url: string;
  port: number;
  close(): Promise<void>;
}

/**
 * Serves `handle` on host:port (127.0.0.1 and any free port unless told), with the request's URL
 * and its body (read for a POST, "" otherwise); a request that fails is answered by `failed`.
 * Closing drops open connections (keep-alive ones too) so a test never waits on them.
 */
export async function serve(
  options: { port?: number; host?: string },
  handle: (req: IncomingMessage, res: ServerResponse, url: URL, raw: string) => Promise<void> | void,
  failed: (res: ServerResponse) => void,
): Promise<FakeServer> {
  const host = options.host ?? "127.0.0.1";
  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? "/", "http://fake");
      const raw = req.method === "POST" ? await readBody(req) : "";
      await handle(req, res, url, raw);
    })().catch(() => failed(res));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://${host}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
