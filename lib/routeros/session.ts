// Opening one API session with node-routeros's RouterOSAPI (TCP or TLS, both login forms,
// keepalive), and turning whatever goes wrong, then or later, into a RouterOsError.
import type { EventEmitter } from "node:events";
import type { Socket } from "node:net";
import { RouterOSAPI } from "routeros-client";
import { RouterOsError, isTlsFailure, socketErrorReason } from "./errors";
import { tlsConnectionOptions } from "./tls-options";
import type { RouterTls } from "./types";
import { ensureConnectorGuarded } from "./connector-guard";
import { resolveRouterAddress, type AddressCheck, type Lookup } from "./resolve-address";
import { FATAL_EVENT, ensureWirePatched } from "./wire-patch";

// The parts of node-routeros we reach past its typings for (plain properties in 1.6.9).
interface ConnectorInternals extends EventEmitter {
  socket?: Socket;
  read(tag: string, callback: (packet: string[]) => void): void;
  stopRead(tag: string): void;
  write(words: string[]): unknown;
  destroy(): void;
}

export interface ApiSession extends EventEmitter {
  connector?: ConnectorInternals | null;
  connected: boolean;
  closing: boolean;
  keptaliveby?: ReturnType<typeof setTimeout>;
  connectionHoldInterval?: ReturnType<typeof setTimeout>;
  connect(): Promise<unknown>;
  close(): Promise<unknown>;
}

export interface SessionTarget {
  id: string;
  host: string;
  port: number;
  username: string;
  password: string;
  tls?: RouterTls;
}

export interface SessionSettings {
  connectTimeoutMs: number;
  keepaliveSeconds: number;
  /** Refuses addresses the API may not reach; every address the host resolves to is checked. */
  checkAddress?: AddressCheck;
  /** Host name resolution (tests replace it); the system resolver by default. */
  lookup?: Lookup;
}

/** "tcp" until the socket (and TLS) is up, then "login". */
export type OpenPhase = "tcp" | "login";

export interface Opening {
  readonly promise: Promise<ApiSession>;
  readonly phase: OpenPhase;
  /** Gives up: the socket is destroyed and the promise rejects with this error. */
  abort(error: RouterOsError): void;
}

const noop = () => {};

// At import, and again (a no-op) at every connect.
ensureWirePatched();
ensureConnectorGuarded();

/**
 * Opens a session; `onLost` hears about its death afterwards (socket closed, `!fatal`, idle
 * timeout), once, with the reason.
 */
export function openSession(target: SessionTarget, settings: SessionSettings, onLost: (session: ApiSession, error: RouterOsError) => void): Opening {
  ensureWirePatched();
  ensureConnectorGuarded();
  const address = `${target.host}:${target.port}`;
  const meta = (command?: string) => ({ routerId: target.id, ...(command ? { command } : {}) });
  let tls: ReturnType<typeof tlsConnectionOptions>;
  try {
    tls = tlsConnectionOptions(target.tls, target.host);
  } catch (error) {
    return { promise: Promise.reject(error), phase: "tcp", abort: noop };
  }
  let api: ApiSession | undefined;
  let phase: OpenPhase = "tcp";
  let settled = false;
  let fail: (error: RouterOsError) => void = noop;

  const promise = new Promise<ApiSession>((resolve, reject) => {
    let socketError: unknown;
    let apiError: unknown;
    let fatal: string | undefined;
    fail = (error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (api) disposeSession(api);
      reject(error);
    };
    const timer = setTimeout(() => fail(openTimeoutError(target, phase, "/login", settings.connectTimeoutMs)), settings.connectTimeoutMs);

    const connect = (ip: string) => {
      const session = (api = new RouterOSAPI({
        host: ip, // the checked address, never the name again (TLS still names the host: tls-options)
        port: target.port,
        user: target.username,
        password: target.password,
        // node-routeros's socket idle timeout; with keepalive it sends a command every half of it.
        timeout: settings.keepaliveSeconds * 2,
        keepalive: true,
        tls: tls as never,
      }) as unknown as ApiSession);

      // Without a listener, an idle socket's error would be an uncaught exception.
      session.on("error", (error: unknown) => {
        apiError ??= error;
      });
      session.connect().then(
        () => {
          if (settled) return disposeSession(session);
          settled = true;
          clearTimeout(timer);
          resolve(session);
        },
        (error: unknown) => fail(loginError(error, socketError)),
      );

      const connector = session.connector;
      const socket = connector?.socket;
      if (!connector || !socket) return fail(new RouterOsError("unreachable", `router ${address}: could not open a socket`, meta()));
      // node-routeros writes each word separately; with Nagle on, every call waits ~40 ms for ACKs.
      socket.setNoDelay(true);
      connector.once("connected", () => {
        phase = "login";
      });
      socket.on("error", (error: unknown) => {
        socketError ??= error;
      });
      socket.on(FATAL_EVENT, (message: string) => {
        fatal ??= message || "no message";
      });
      socket.once("close", () => {
        // Let a rejection from connect() (which has the better reason) land first.
        setImmediate(() => {
          const error = lostError(fatal, socketError ?? apiError);
          if (settled) return onLost(session, error);
          if (fatal) return fail(error);
          // Closed before TLS was up: most often TLS aimed at the plain API port (8728).
          if (tls && phase === "tcp") return fail(new RouterOsError("unreachable", `router ${address}: TLS handshake failed (the connection was closed; is ${target.port} the router's API-SSL port?)`, { ...meta(), cause: socketError }));
          fail(socketError ? error : new RouterOsError("closed", `router ${address} closed the connection during login`, meta("/login")));
        });
      });
    };

    resolveRouterAddress(target, settings.checkAddress, settings.lookup)
      .then((ip) => {
        if (!settled) connect(ip); // may throw (a malformed pinned certificate): caught below
      })
      .catch((error: unknown) => fail(asOpenError(error)));
  });

  function asOpenError(error: unknown): RouterOsError {
    if (error instanceof RouterOsError) return error;
    return new RouterOsError("unreachable", `router ${address} unreachable (${socketErrorReason(error)})`, { ...meta(), cause: error });
  }

  function lostError(fatal: string | undefined, cause: unknown): RouterOsError {
    if (fatal) return new RouterOsError("fatal", `router ${address} ended the session: ${fatal}`, { ...meta(), detail: fatal });
    if (!cause) return new RouterOsError("closed", `router ${address} closed the connection`, meta());
    const reason = (cause as { errno?: unknown }).errno === "SOCKTMOUT" ? "idle timeout" : socketErrorReason(cause);
    return new RouterOsError("closed", `connection to router ${address} lost (${reason})`, { ...meta(), cause });
  }

  function loginError(error: unknown, socketError: unknown): RouterOsError {
    const e = (error ?? {}) as { errno?: unknown; message?: unknown };
    const message = typeof e.message === "string" ? e.message : typeof error === "string" ? error : "";
    if (e.errno === "CANTLOGIN" || /invalid user name or password|cannot log in/i.test(message)) {
      return new RouterOsError("auth", "login failed: invalid user name or password", { ...meta("/login"), detail: message });
    }
    if (socketError) {
      const reason = socketErrorReason(socketError);
      const text = isTlsFailure(socketError) ? `router ${address}: TLS handshake failed (${reason})` : `router ${address} unreachable (${reason})`;
      return new RouterOsError("unreachable", text, { ...meta(), cause: socketError });
    }
    if (e.errno === "SOCKTMOUT") return openTimeoutError(target, phase, "/login", settings.keepaliveSeconds * 2000);
    if (phase === "login") return new RouterOsError("auth", `login failed: ${message || "refused by the router"}`, { ...meta("/login"), detail: message });
    return new RouterOsError("unreachable", `router ${address} unreachable (${socketErrorReason(error)})`, { ...meta(), cause: error });
  }

  return {
    promise,
    get phase() {
      return phase;
    },
    abort: (error) => fail(error),
  };
}

export function openTimeoutError(target: SessionTarget, phase: OpenPhase, command: string, timeoutMs: number): RouterOsError {
  const address = `${target.host}:${target.port}`;
  const meta = { routerId: target.id, command };
  return phase === "tcp"
    ? new RouterOsError("unreachable", `router ${address} unreachable (no answer within ${seconds(timeoutMs)})`, meta)
    : new RouterOsError("timeout", `router ${address}: login did not complete within ${seconds(timeoutMs)}`, meta);
}

/** Ends a session for good, whatever state it is in, leaving nothing that could throw later. */
export function disposeSession(api: ApiSession): void {
  api.closing = true; // stops node-routeros's keepalive loop from rescheduling itself
  api.connected = false;
  clearTimeout(api.keptaliveby);
  clearTimeout(api.connectionHoldInterval);
  const connector = api.connector;
  connector?.destroy(); // guarded: a late socket error still finds a listener (connector-guard.ts)
}

export function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${(ms / 1000).toFixed(1)}s`;
}
