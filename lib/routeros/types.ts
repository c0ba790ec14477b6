import type { RouterOsErrorKind } from "./errors";
import type { AddressCheck, Lookup } from "./resolve-address";

/**
 * TLS for API-SSL (8729). `false`: plain API (8728).
 * - `{ ca }`: verify the router's certificate against this pinned CA (PEM). The pin is the trust
 *   anchor, so the host name in the certificate is not checked (routers are reached by IP).
 * - `{ insecure: true }`: encrypt without verifying the certificate (explicit opt-out).
 * - `{ anonymous: true }`: anonymous Diffie-Hellman, for routers with no certificate at all.
 * - `{}`: verify against the system's CAs (a router with a public certificate).
 */
export type RouterTls = false | { ca?: string; insecure?: boolean; anonymous?: boolean };

export interface RouterTarget {
  /** Our router id: the pool keeps one connection per id (and per credentials). */
  id: string;
  host: string;
  /** Defaults to 8728, or 8729 with TLS. */
  port?: number;
  username: string;
  password: string;
  tls?: RouterTls;
  /** Per-call deadline for this router, overriding the pool's. */
  timeoutMs?: number;
}

/** One call to a router, for the router's log. Command text never carries passwords or secrets. */
export interface Interaction {
  routerId: string;
  /** e.g. "/ppp/secret/add =name=0712345678 =password=*** =profile=10M" */
  command: string;
  durationMs: number;
  ok: boolean;
  errorKind?: RouterOsErrorKind;
  message?: string;
  rows?: number;
  at: Date;
}

export interface CircuitBreakerOptions {
  /** Consecutive unreachable/timeout failures that open the circuit. */
  failures: number;
  /** How long an open circuit fails fast before one trial call is let through. */
  coolDownMs: number;
}

export interface RouterPoolOptions {
  /** Deadline of one call, connecting and logging in included (default 10 s). */
  callTimeoutMs?: number;
  /** Deadline for opening a connection (TCP, TLS and login), default the call timeout. */
  connectTimeoutMs?: number;
  /** Close a connection nobody used for this long (default 5 min). */
  idleCloseMs?: number;
  /** Seconds between keepalive commands on an idle connection (default 10). */
  keepaliveSeconds?: number;
  breaker?: CircuitBreakerOptions;
  onInteraction?: (interaction: Interaction) => void;
  /**
   * Refuses addresses the API may not reach (a reason in words, or null). The host is resolved
   * first and every address it resolves to is checked; the socket goes to the checked address.
   * Calls to a refused router fail with kind "refused" and never touch the network.
   */
  checkAddress?: AddressCheck;
  /** Host name resolution, for tests; the system resolver by default. */
  lookup?: Lookup;
}

export type RawRow = Record<string, string>;

/** The outcome of acting on one item by its .id. */
export type ItemOutcome = "done" | "not-found";
