// A tiny raw RouterOS API client for the simulator's own tests: it sends sentences and collects
// replies by tag, with no opinions (unlike node-routeros), so tests see exactly what went over the wire.
import net from "node:net";
import tls from "node:tls";
import { attributesOf, encodeSentence, SentenceDecoder, tagOf, type Sentence } from "./wire";

export interface Reply {
  type: string;
  attrs: Record<string, string>;
  tag?: string;
  words: Sentence;
}

export function toReply(words: Sentence): Reply {
  return { type: words[0] ?? "", attrs: attributesOf(words), tag: tagOf(words), words };
}

export interface RawConnectOptions {
  host?: string;
  port: number;
  tls?: tls.ConnectionOptions | false;
}

export class RawClient {
  readonly replies: Reply[] = [];
  /** Sizes of the chunks the socket delivered (to see split writes). */
  readonly chunkSizes: number[] = [];
  private decoder = new SentenceDecoder();
  private waiters: { pred: (r: Reply) => boolean; resolve: (r: Reply) => void }[] = [];
  private closeWaiters: (() => void)[] = [];
  private tagSeq = 0;
  closed = false;

  private constructor(readonly socket: net.Socket) {
    socket.on("data", (chunk: Buffer) => {
      this.chunkSizes.push(chunk.length);
      for (const s of this.decoder.push(chunk)) this.onReply(toReply(s));
    });
    socket.on("error", () => {});
    socket.on("close", () => {
      this.closed = true;
      for (const w of this.closeWaiters.splice(0)) w();
    });
  }

  static connect(opts: RawConnectOptions): Promise<RawClient> {
    const host = opts.host ?? "127.0.0.1";
    return new Promise((resolve, reject) => {
      const socket = opts.tls ? tls.connect({ host, port: opts.port, ...opts.tls }) : net.connect({ host, port: opts.port });
      const ready = opts.tls ? "secureConnect" : "connect";
      socket.once(ready, () => {
        socket.off("error", reject);
        resolve(new RawClient(socket));
      });
      socket.once("error", reject);
    });
  }

  /** Connects and logs in with the 6.43+ form. */
  static async login(port: number, name = "admin", password = "", extra: Partial<RawConnectOptions> = {}): Promise<RawClient> {
    const c = await RawClient.connect({ port, ...extra });
    const r = await c.command(["/login", `=name=${name}`, `=password=${password}`]);
    const last = r[r.length - 1];
    if (r[0]?.type === "!trap" || last?.type !== "!done") throw new Error(`login failed: ${r[0]?.attrs.message}`);
    return c;
  }

  send(words: Sentence): void {
    this.socket.write(encodeSentence(words));
  }

  writeRaw(data: Buffer): void {
    this.socket.write(data);
  }

  nextTag(): string {
    return `t${++this.tagSeq}`;
  }

  /** Sends a command with a fresh tag and resolves with every reply up to and including !done. */
  async command(words: Sentence, timeoutMs = 5000): Promise<Reply[]> {
    const tag = this.nextTag();
    this.send([...words, `.tag=${tag}`]);
    return this.until(tag, timeoutMs);
  }

  /** Replies for `tag` up to and including its !done (or a !fatal). */
  async until(tag: string, timeoutMs = 5000): Promise<Reply[]> {
    await this.waitFor((r) => (r.tag === tag && r.type === "!done") || r.type === "!fatal", timeoutMs);
    return this.replies.filter((r) => r.tag === tag || r.type === "!fatal");
  }

  /** Resolves with the first reply (already received or future) matching `pred`. */
  waitFor(pred: (r: Reply) => boolean, timeoutMs = 5000): Promise<Reply> {
    const seen = this.replies.find(pred);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const waiter = { pred, resolve: (r: Reply) => (clearTimeout(timer), resolve(r)) };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(`no matching reply within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  /** Resolves when the server closes the connection. */
  waitClose(timeoutMs = 5000): Promise<void> {
    if (this.closed) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("connection still open")), timeoutMs);
      this.closeWaiters.push(() => (clearTimeout(timer), resolve()));
    });
  }

  close(): void {
    this.socket.destroy();
  }

  private onReply(r: Reply): void {
    this.replies.push(r);
    for (const w of [...this.waiters]) {
      if (w.pred(r)) {
        this.waiters = this.waiters.filter((x) => x !== w);
        w.resolve(r);
      }
    }
  }
}

/** Rows (`!re` attributes) of a reply list. */
export function rowsOf(replies: Reply[]): Record<string, string>[] {
  return replies.filter((r) => r.type === "!re").map((r) => r.attrs);
}

/** The reply types in order, e.g. ["!trap", "!done"]. */
export function typesOf(replies: Reply[]): string[] {
  return replies.map((r) => r.type);
}
