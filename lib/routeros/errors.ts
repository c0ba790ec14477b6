// The adapter's errors: every failure talking to a router becomes a RouterOsError with a kind the
// caller can act on and a message an operator can read.
import { getSystemErrorName } from "node:util";

/** "refused": the router's address is one the deployment does not let the API reach (never connected). */
export type RouterOsErrorKind = "unreachable" | "auth" | "timeout" | "trap" | "fatal" | "closed" | "circuit-open" | "refused";

export interface RouterOsErrorOptions {
  /** RouterOS trap category (0 missing item or command, 1 bad argument, 2 interrupted, 4 failure, ...). */
  category?: number;
  /** The command, e.g. "/ppp/secret/add" (never its arguments). */
  command?: string;
  routerId?: string;
  /** The router's own words (trap or fatal message), without our prefix. */
  detail?: string;
  cause?: unknown;
}

export class RouterOsError extends Error {
  readonly kind: RouterOsErrorKind;
  readonly category?: number;
  readonly command?: string;
  readonly routerId?: string;
  readonly detail?: string;

  constructor(kind: RouterOsErrorKind, message: string, options: RouterOsErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "RouterOsError";
    this.kind = kind;
    this.category = options.category;
    this.command = options.command;
    this.routerId = options.routerId;
    this.detail = options.detail;
  }
}

/** A value we refused to write (non-ASCII, wrong type): a bug or bad input, never sent to the router. */
export class RouterOsValueError extends Error {
  readonly field: string;

  constructor(field: string, message: string) {
    super(`${field}: ${message}`);
    this.name = "RouterOsValueError";
    this.field = field;
  }
}

export function isRouterOsError(error: unknown, kind?: RouterOsErrorKind): error is RouterOsError {
  return error instanceof RouterOsError && (kind === undefined || error.kind === kind);
}

export function trapError(command: string, trap: { message?: string; category?: string }, routerId?: string): RouterOsError {
  const detail = trap.message?.trim() || "no message";
  const category = trap.category !== undefined && /^\d+$/.test(trap.category) ? Number(trap.category) : undefined;
  return new RouterOsError("trap", `trap on ${command}: ${detail}`, { category, command, routerId, detail });
}

/** RouterOS answers a set/remove on an .id that no longer exists with this trap. */
export function isNoSuchItem(error: unknown): boolean {
  return isRouterOsError(error, "trap") && /no such item/i.test(error.detail ?? "");
}

// Codes that mean the certificate or the TLS handshake failed rather than the network.
const TLS_CODE = /CERT|SELF_SIGNED|UNABLE_TO|ERR_SSL|ERR_TLS|HOSTNAME|ALTNAME|HANDSHAKE/;

/**
 * A short reason from a socket or library error: "ECONNREFUSED", "ENOTFOUND",
 * "DEPTH_ZERO_SELF_SIGNED_CERT: self-signed certificate". node-routeros wraps socket errors in a
 * RosException whose message is empty on Node 20 and whose errno is a negative number.
 */
export function socketErrorReason(error: unknown): string {
  if (!error || typeof error !== "object") return String(error ?? "unknown error");
  const e = error as { code?: unknown; errno?: unknown; message?: unknown };
  const message = typeof e.message === "string" ? e.message.trim() : "";
  let code = typeof e.code === "string" ? e.code : undefined;
  if (!code && typeof e.errno === "number" && e.errno < 0) {
    try {
      code = getSystemErrorName(e.errno);
    } catch {
      code = `errno ${e.errno}`;
    }
  }
  if (!code && typeof e.errno === "string") code = e.errno;
  if (code && TLS_CODE.test(code)) return message && !message.includes(code) ? `${code}: ${message}` : code;
  return code ?? (message || "unknown error");
}

export function isTlsFailure(error: unknown): boolean {
  return TLS_CODE.test(socketErrorReason(error)) || /ssl|tls|certificate/i.test(String((error as Error)?.message ?? ""));
}
