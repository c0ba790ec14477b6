// One connection to one router, reopened as needed. Commands go through node-routeros's
// Connector with our own tags, because its Channel drops a trap's category, mixes `=ret=` into
// the rows and has no deadline. Every call settles: with the reply, a trap, a timeout, or the
// reason the connection died.
import { RouterOsError, RouterOsValueError, trapError } from "./errors";
import type { CommandReply, RouterStream } from "./raw-api";
import { disposeSession, openSession, openTimeoutError, seconds, type ApiSession, type Opening, type SessionSettings, type SessionTarget } from "./session";
import type { RawRow } from "./types";

export type ConnectionTarget = SessionTarget;
export type ConnectionSettings = SessionSettings;

interface Exchange {
  command: string;
  rows: RawRow[];
  trap?: RawRow;
  onRow?: (row: RawRow) => void;
  settle(error: RouterOsError | null, reply?: CommandReply): void;
}

const noop = () => {};

export class RouterConnection {
  private api: ApiSession | null = null;
  /** The session being opened, and how many calls wait for it. */
  private opening: { handle: Opening; ready: Promise<ApiSession> } | null = null;
  private openWaiters = 0;
  private readonly exchanges = new Map<string, Exchange>();
  private tagSeq = 0;
  private epoch = 0;
  lastUsedAt = Date.now();

  constructor(
    readonly target: ConnectionTarget,
    private readonly settings: ConnectionSettings,
  ) {}

  get address(): string {
    return `${this.target.host}:${this.target.port}`;
  }

  get isOpen(): boolean {
    return this.api !== null;
  }

  /** A call or stream is in flight, or the connection is being opened. */
  get busy(): boolean {
    return this.exchanges.size > 0 || this.opening !== null;
  }

  /** Sends one command and waits for its `!done`; connecting and logging in count against timeoutMs. */
  request(words: string[], timeoutMs: number): Promise<CommandReply> {
    const command = words[0] ?? "";
    return new Promise<CommandReply>((resolve, reject) => {
      let finished = false;
      let tag: string | undefined;
      const finish = (error: Error | null, reply?: CommandReply) => {
        if (finished) return;
        finished = true;
        clearTimeout(timer);
        if (error) reject(error);
        else resolve(reply ?? { rows: [] });
      };
      const timer = setTimeout(() => {
        if (tag === undefined) return finish(this.giveUpWaiting(command, timeoutMs));
        this.forget(tag);
        finish(new RouterOsError("timeout", `router ${this.address}: no answer to ${command} within ${seconds(timeoutMs)}`, this.meta(command)));
        // A late reply could still come, or the session is half dead: start afresh.
        this.drop(new RouterOsError("closed", `connection to router ${this.address} dropped after ${command} timed out`, this.meta()));
      }, timeoutMs);
      this.waitReady().then(
        (api) => {
          if (!finished) tag = this.send(api, words, { command, rows: [], settle: finish });
        },
        (error: unknown) => finish(asRouterOsError(error, this)),
      );
    });
  }

  /** Runs a command that keeps answering (`follow`, `listen`, `monitor-traffic`) until stop(). */
  stream(words: string[], onRow: (row: RawRow) => void, timeoutMs: number): RouterStream {
    const command = words[0] ?? "";
    let tag: string | undefined;
    let finished = false;
    let cancelling: Promise<void> | null = null;
    let settleDone!: (error: unknown) => void;
    let exchangeSettled!: () => void;
    const done = new Promise<void>((resolve, reject) => {
      settleDone = (error) => (error ? reject(error) : resolve());
    });
    done.catch(noop); // whoever ignores `done` must not get an unhandled rejection
    const settled = new Promise<void>((resolve) => (exchangeSettled = resolve));
    const finish = (error: unknown) => {
      if (finished) return;
      finished = true;
      clearTimeout(openTimer);
      settleDone(error);
    };
    // Asks the router to stop; it answers the command with "interrupted" and its `!done`.
    const cancel = (): Promise<void> =>
      (cancelling ??= (async () => {
        if (tag === undefined || !this.exchanges.has(tag)) return;
        await this.request(["/cancel", `=tag=${tag}`], timeoutMs).catch(noop);
        await Promise.race([settled, delay(timeoutMs)]);
        if (this.exchanges.has(tag)) this.forget(tag);
      })());
    const exchange: Exchange = {
      command,
      rows: [],
      onRow: (row) => {
        if (finished) return;
        try {
          onRow(row);
        } catch (error) {
          finish(error);
          void cancel();
        }
      },
      settle: (error) => {
        exchangeSettled();
        finish(error && cancelling && isInterrupted(error) ? null : error);
      },
    };
    const openTimer = setTimeout(() => finish(this.giveUpWaiting(command, timeoutMs)), timeoutMs);
    this.waitReady().then(
      (api) => {
        clearTimeout(openTimer);
        if (!finished && !cancelling) tag = this.send(api, words, exchange);
        else finish(null);
      },
      (error: unknown) => finish(asRouterOsError(error, this)),
    );
    const stop = async (): Promise<void> => {
      await cancel();
      finish(null);
      await done.catch(noop);
    };
    return { stop, done };
  }

  /** Closes politely (the router sees a normal logout); pending calls fail with kind "closed". */
  async close(): Promise<void> {
    this.epoch += 1;
    this.opening?.handle.abort(new RouterOsError("closed", `connection to router ${this.address} was closed`, this.meta()));
    this.opening = null;
    this.openWaiters = 0;
    const api = this.api;
    this.drop(new RouterOsError("closed", `connection to router ${this.address} was closed`, this.meta()), { keepSocket: true });
    if (!api) return;
    clearTimeout(api.keptaliveby);
    await Promise.race([api.close().catch(noop), delay(1000)]);
    disposeSession(api);
  }

  /** The open session, opening one if needed; the caller is counted until it settles. */
  private waitReady(): Promise<ApiSession> {
    if (this.api) return Promise.resolve(this.api);
    if (!this.opening) {
      const epoch = this.epoch;
      const handle = openSession(this.target, this.settings, (session, error) => {
        if (this.api === session) this.drop(error);
      });
      const opening = {
        handle,
        ready: handle.promise
          .then((session) => {
            if (epoch !== this.epoch) {
              disposeSession(session);
              throw new RouterOsError("closed", `connection to router ${this.address} was closed`, this.meta());
            }
            this.api = session;
            this.lastUsedAt = Date.now();
            return session;
          })
          .finally(() => {
            if (this.opening === opening) {
              this.opening = null;
              this.openWaiters = 0;
            }
          }),
      };
      this.opening = opening;
    }
    this.openWaiters += 1;
    return this.opening.ready;
  }

  /**
   * A caller's deadline passed while the session was still opening. When nobody else waits for
   * it, the attempt is abandoned, so the next call starts afresh instead of joining a hung login.
   */
  private giveUpWaiting(command: string, timeoutMs: number): RouterOsError {
    const error = openTimeoutError(this.target, this.opening?.handle.phase ?? "tcp", command, timeoutMs);
    if (this.opening && --this.openWaiters <= 0) {
      this.opening.handle.abort(error);
      this.opening = null;
      this.openWaiters = 0;
    }
    return error;
  }

  private send(api: ApiSession, words: string[], exchange: Exchange): string {
    const tag = `isp${++this.tagSeq}`;
    this.exchanges.set(tag, exchange);
    api.connector!.read(tag, (packet) => this.onPacket(tag, packet));
    api.connector!.write([...words, `.tag=${tag}`]);
    this.lastUsedAt = Date.now();
    return tag;
  }

  private onPacket(tag: string, packet: string[]): void {
    const exchange = this.exchanges.get(tag);
    if (!exchange) return;
    const [reply, ...words] = packet;
    const attributes = parseAttributes(words);
    if (reply === "!re") {
      if (exchange.onRow) exchange.onRow(attributes);
      else exchange.rows.push(attributes);
    } else if (reply === "!trap") {
      exchange.trap ??= attributes;
    } else if (reply === "!done") {
      this.forget(tag);
      this.lastUsedAt = Date.now();
      if (exchange.trap) exchange.settle(trapError(exchange.command, exchange.trap, this.target.id));
      else exchange.settle(null, { rows: exchange.rows, ret: attributes.ret });
    }
  }

  private forget(tag: string): void {
    this.exchanges.delete(tag);
    this.api?.connector?.stopRead(tag);
  }

  /** Forgets the session and fails everything pending on it. */
  private drop(error: RouterOsError, options: { keepSocket?: boolean } = {}): void {
    const api = this.api;
    this.api = null;
    if (api && !options.keepSocket) disposeSession(api);
    const pending = [...this.exchanges.values()];
    this.exchanges.clear();
    for (const exchange of pending) {
      exchange.settle(
        new RouterOsError(error.kind, `${error.message} (during ${exchange.command})`, {
          ...this.meta(exchange.command),
          detail: error.detail,
          cause: error.cause,
        }),
      );
    }
  }

  private meta(command?: string) {
    return { routerId: this.target.id, ...(command ? { command } : {}) };
  }
}

/** `=name=value` words -> { name: value }; the value keeps any further "=". */
export function parseAttributes(words: string[]): RawRow {
  const row: RawRow = {};
  for (const word of words) {
    const body = word.startsWith("=") ? word.slice(1) : word;
    const eq = body.indexOf("=");
    if (eq > 0) row[body.slice(0, eq)] = body.slice(eq + 1);
    else if (body) row[body] = "";
  }
  return row;
}

function asRouterOsError(error: unknown, connection: RouterConnection): RouterOsError | RouterOsValueError {
  if (error instanceof RouterOsError || error instanceof RouterOsValueError) return error;
  return new RouterOsError("closed", `router ${connection.address}: ${error instanceof Error ? error.message : String(error)}`, {
    routerId: connection.target.id,
    cause: error,
  });
}

function isInterrupted(error: RouterOsError): boolean {
  return error.kind === "trap" && (error.category === 2 || /interrupted/i.test(error.detail ?? ""));
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
