// One connection per router (and per set of credentials), shared by every caller: calls are
// multiplexed over it with tags. The pool adds the circuit breaker, idle close and the log of
// interactions.
import { createHash } from "node:crypto";
import { CircuitBreaker } from "./circuit-breaker";
import { describeCommand } from "./command-text";
import { RouterConnection } from "./connection";
import { RouterOsError } from "./errors";
import type { CommandReply, RouterStream, RouterTransport } from "./raw-api";
import { createRouterApi, type RouterApi } from "./router-api";
import { defaultPort, tlsConnectionOptions } from "./tls-options";
import type { Interaction, RawRow, RouterPoolOptions, RouterTarget } from "./types";

export interface RouterPool {
  /** The API of one router. Cheap: the connection is opened on first use and shared. */
  api(target: RouterTarget): RouterApi;
  /** Closes that router's connection (all of them without an id). */
  close(routerId?: string): Promise<void>;
  closeAll(): Promise<void>;
  /** For health pages and tests. */
  status(routerId: string): { connected: boolean; breaker: CircuitBreaker["state"]; failures: number } | undefined;
}

interface Entry {
  fingerprint: string;
  connection: RouterConnection;
  breaker: CircuitBreaker;
  idleTimer?: ReturnType<typeof setTimeout>;
}

const DEFAULTS = {
  callTimeoutMs: 10_000,
  idleCloseMs: 5 * 60_000,
  keepaliveSeconds: 10,
  breaker: { failures: 5, coolDownMs: 30_000 },
};

export function createRouterPool(options: RouterPoolOptions = {}): RouterPool {
  const callTimeoutMs = options.callTimeoutMs ?? DEFAULTS.callTimeoutMs;
  const idleCloseMs = options.idleCloseMs ?? DEFAULTS.idleCloseMs;
  const keepaliveSeconds = options.keepaliveSeconds ?? DEFAULTS.keepaliveSeconds;
  const breakerOptions = options.breaker ?? DEFAULTS.breaker;
  const entries = new Map<string, Entry>();

  function entryFor(target: RouterTarget): Entry {
    tlsConnectionOptions(target.tls, target.host); // throws RouterOsValueError for contradictory settings
    const port = target.port ?? defaultPort(target.tls);
    const fingerprint = createHash("sha256")
      .update(JSON.stringify([target.host, port, target.username, target.password, target.tls ?? false]))
      .digest("hex");
    const existing = entries.get(target.id);
    if (existing?.fingerprint === fingerprint) return existing;
    if (existing) retire(existing); // new address or credentials: the old session must not serve them
    const entry: Entry = {
      fingerprint,
      connection: new RouterConnection(
        { id: target.id, host: target.host, port, username: target.username, password: target.password, tls: target.tls },
        // A router's own deadline bounds its connecting too, so a hung login cannot outlast it.
        {
          connectTimeoutMs: options.connectTimeoutMs ?? target.timeoutMs ?? callTimeoutMs,
          keepaliveSeconds,
          checkAddress: options.checkAddress,
          lookup: options.lookup,
        },
      ),
      breaker: new CircuitBreaker(breakerOptions),
    };
    entries.set(target.id, entry);
    return entry;
  }

  function retire(entry: Entry): void {
    clearTimeout(entry.idleTimer);
    void entry.connection.close();
  }

  function scheduleIdleClose(entry: Entry): void {
    clearTimeout(entry.idleTimer);
    const due = entry.connection.lastUsedAt + idleCloseMs - Date.now();
    entry.idleTimer = setTimeout(
      () => {
        if (!entry.connection.isOpen) return;
        if (entry.connection.busy || Date.now() - entry.connection.lastUsedAt < idleCloseMs) return scheduleIdleClose(entry);
        void entry.connection.close();
      },
      Math.max(due, 10),
    );
    entry.idleTimer.unref();
  }

  function report(interaction: Omit<Interaction, "at" | "durationMs">, startedAt: number): void {
    if (!options.onInteraction) return;
    try {
      options.onInteraction({ ...interaction, durationMs: Date.now() - startedAt, at: new Date(startedAt) });
    } catch {
      // The log must never break the call it describes.
    }
  }

  /** Runs through the breaker; records the outcome there and in the log. */
  async function guarded<T>(target: RouterTarget, words: string[], run: (entry: Entry) => Promise<T>, rowsOf: (value: T) => number | undefined): Promise<T> {
    const startedAt = Date.now();
    const entry = entryFor(target);
    const command = describeCommand(words);
    const permit = entry.breaker.acquire();
    if (!permit.allowed) {
      const wait = permit.retryInMs > 0 ? `not retrying for ${Math.ceil(permit.retryInMs / 1000)}s` : "a retry is under way";
      const error = new RouterOsError("circuit-open", `router ${entry.connection.address}: ${entry.breaker.failures} failed attempts in a row, ${wait}`, {
        routerId: target.id,
        command: words[0],
      });
      report({ routerId: target.id, command, ok: false, errorKind: error.kind, message: error.message }, startedAt);
      throw error;
    }
    try {
      const value = await run(entry);
      entry.breaker.succeeded(permit.trial);
      report({ routerId: target.id, command, ok: true, rows: rowsOf(value) }, startedAt);
      return value;
    } catch (error) {
      const kind = error instanceof RouterOsError ? error.kind : undefined;
      if (kind === "unreachable" || kind === "timeout") entry.breaker.failed(permit.trial);
      else if (kind === "trap" || kind === "auth") entry.breaker.succeeded(permit.trial); // it answered
      else entry.breaker.released(permit.trial);
      report({ routerId: target.id, command, ok: false, errorKind: kind, message: error instanceof Error ? error.message : String(error) }, startedAt);
      throw error;
    } finally {
      scheduleIdleClose(entry);
    }
  }

  function transportFor(target: RouterTarget): RouterTransport {
    const timeoutMs = target.timeoutMs ?? callTimeoutMs;
    return {
      routerId: target.id,
      call: (words) =>
        guarded<CommandReply>(
          target,
          words,
          (entry) => entry.connection.request(words, timeoutMs),
          (reply) => reply.rows.length,
        ),
      stream(words, onRow) {
        let rows = 0;
        let handle: RouterStream | undefined;
        let stopRequested = false;
        const done = guarded<void>(
          target,
          words,
          (entry) => {
            handle = entry.connection.stream(
              words,
              (row: RawRow) => {
                rows += 1;
                onRow(row);
              },
              timeoutMs,
            );
            if (stopRequested) void handle.stop();
            return handle.done;
          },
          () => rows,
        );
        done.catch(() => {});
        return {
          done,
          async stop() {
            stopRequested = true;
            if (handle) await handle.stop();
            await done.catch(() => {});
          },
        };
      },
    };
  }

  async function closeAll(): Promise<void> {
    const all = [...entries.values()];
    entries.clear();
    await Promise.all(all.map((entry) => (clearTimeout(entry.idleTimer), entry.connection.close())));
  }

  return {
    api: (target) => createRouterApi(transportFor(target)),
    async close(routerId) {
      if (routerId === undefined) return closeAll();
      const entry = entries.get(routerId);
      if (!entry) return;
      entries.delete(routerId);
      clearTimeout(entry.idleTimer);
      await entry.connection.close();
    },
    closeAll,
    status(routerId) {
      const entry = entries.get(routerId);
      if (!entry) return undefined;
      return { connected: entry.connection.isOpen, breaker: entry.breaker.state, failures: entry.breaker.failures };
    },
  };
}
