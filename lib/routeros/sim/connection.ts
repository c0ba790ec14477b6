// One API connection: login (both forms), tags, concurrent streaming commands, /cancel, /quit,
// and the per-command faults (cut, !fatal, drop).
import { createHash, randomBytes } from "node:crypto";
import type { Socket } from "node:net";
import { runMenuCommand, type CommandEnv, type ParsedCommand, type ReplySink } from "./commands";
import { ReplyWriter } from "./reply-writer";
import { SimTrap } from "./schema";
import type { SimFaults } from "./types";
import { SentenceDecoder, WireError, type Sentence } from "./wire";

export interface ConnectionHost {
  users: { name: string; password: string }[];
  legacyLogin: boolean;
  faults: SimFaults;
  env: CommandEnv;
  countCommand(word: string): void;
  closed(conn: SimConnection): void;
}

interface TagSink extends ReplySink {
  trap(message: string, category?: number): void;
}

interface RunningStream {
  stop: () => void;
  sink: TagSink;
}

export const LOGIN_FAILED = "invalid user name or password (6)";
/** What RouterOS before 6.43 said for a wrong challenge response. */
export const LEGACY_LOGIN_FAILED = "cannot log in";

export function parseCommand(words: Sentence): ParsedCommand {
  const cmd: ParsedCommand = { word: words[0] ?? "", args: new Map(), queries: [] };
  for (let i = 1; i < words.length; i++) {
    const w = words[i]!;
    if (w.startsWith("=")) {
      const eq = w.indexOf("=", 1);
      if (eq === -1) cmd.args.set(w.slice(1), "");
      else cmd.args.set(w.slice(1, eq), w.slice(eq + 1));
    } else if (w.startsWith(".tag=")) {
      cmd.tag = w.slice(5);
    } else if (w.startsWith("?")) {
      cmd.queries.push(w);
    } else if (w.startsWith(".proplist=")) {
      cmd.args.set(".proplist", w.slice(10));
    }
  }
  return cmd;
}

function take(faults: SimFaults, key: "cutNext" | "fatalNext" | "dropNext" | "dropNextApplied"): boolean {
  const n = faults[key] ?? 0;
  if (n <= 0) return false;
  faults[key] = n - 1;
  return true;
}

export class SimConnection {
  private decoder = new SentenceDecoder();
  private writer: ReplyWriter;
  private loggedIn = false;
  private challenge?: Buffer;
  private streams = new Map<string, RunningStream>();
  private untaggedSeq = 0;
  private closing = false;

  constructor(
    readonly socket: Socket,
    private host: ConnectionHost,
  ) {
    this.writer = new ReplyWriter(socket, host.faults);
    socket.setNoDelay(true);
    socket.on("data", (chunk: Buffer) => this.onData(chunk));
    socket.on("error", () => {});
    socket.on("close", () => {
      this.stopStreams();
      host.closed(this);
    });
  }

  private onData(chunk: Buffer): void {
    let sentences: Sentence[];
    try {
      sentences = this.decoder.push(chunk);
    } catch (e) {
      if (e instanceof WireError) return void this.socket.destroy();
      throw e;
    }
    for (const s of sentences) {
      if (this.closing || this.socket.destroyed) return;
      this.handle(s);
    }
  }

  private handle(words: Sentence): void {
    const cmd = parseCommand(words);
    this.host.countCommand(cmd.word);
    const { faults } = this.host;
    if (take(faults, "cutNext")) return void this.socket.destroy();
    if (take(faults, "fatalNext")) return this.fatal("simulated fatal error");
    if (take(faults, "dropNext")) return;
    const sink = this.sink(cmd.tag, take(faults, "dropNextApplied"));
    try {
      this.execute(cmd, sink);
    } catch (e) {
      const trap = e instanceof SimTrap ? e : new SimTrap(`simulator error: ${e instanceof Error ? e.message : String(e)}`, 4);
      sink.trap(trap.message, trap.category);
      sink.done();
    }
  }

  private execute(cmd: ParsedCommand, sink: TagSink): void {
    if (cmd.word === "/login") return this.login(cmd, sink);
    if (cmd.word === "/quit") return this.fatal("session terminated on request");
    if (!this.loggedIn) throw new SimTrap("not logged in");
    if (cmd.word === "/cancel") return this.cancel(cmd, sink);
    runMenuCommand(cmd, this.host.env, sink);
  }

  private login(cmd: ParsedCommand, sink: TagSink): void {
    const name = cmd.args.get("name");
    const response = cmd.args.get("response");
    const { legacyLogin, faults } = this.host;
    const user = this.host.users.find((u) => u.name === name);
    if (response === undefined && (legacyLogin || name === undefined)) {
      // Pre-6.43: the first /login only asks for a challenge, whatever else it carries.
      this.challenge = randomBytes(16);
      return sink.done(this.challenge.toString("hex"));
    }
    let ok: boolean;
    if (response !== undefined) {
      const challenge = this.challenge;
      this.challenge = undefined;
      ok = !!user && !!challenge && response.toLowerCase() === challengeResponse(user.password, challenge);
    } else {
      ok = !!user && cmd.args.get("password") === user.password;
    }
    if (!ok || faults.rejectLogin) throw new SimTrap(legacyLogin ? LEGACY_LOGIN_FAILED : LOGIN_FAILED);
    this.loggedIn = true;
    sink.done();
  }

  private cancel(cmd: ParsedCommand, sink: TagSink): void {
    const target = cmd.args.get("tag");
    const keys = target === undefined ? [...this.streams.keys()] : [target];
    const cancelled: RunningStream[] = [];
    for (const key of keys) {
      const running = this.streams.get(key);
      if (!running) continue;
      this.streams.delete(key);
      running.stop();
      running.sink.trap("interrupted", 2);
      cancelled.push(running);
    }
    // RouterOS order: the interrupted command's !trap, /cancel's !done, then its !done.
    sink.done();
    for (const c of cancelled) c.sink.done();
  }

  private sink(tag: string | undefined, muted: boolean): TagSink {
    const tagWords = tag === undefined ? [] : [`.tag=${tag}`];
    const send = (s: string[]) => {
      if (!muted) this.writer.send(tagWords.length ? [...s, ...tagWords] : s);
    };
    let streamKey: string | undefined;
    const self: TagSink = {
      re: (words) => send(["!re", ...words]),
      empty: () => send(["!empty"]),
      trap: (message, category) => send(category === undefined ? ["!trap", `=message=${message}`] : ["!trap", `=category=${category}`, `=message=${message}`]),
      done: (ret) => {
        if (streamKey !== undefined && this.streams.get(streamKey)?.sink === self) this.streams.delete(streamKey);
        streamKey = undefined;
        send(ret === undefined ? ["!done"] : ["!done", `=ret=${ret}`]);
      },
      stream: (stop) => {
        streamKey = tag ?? `\u0000untagged-${++this.untaggedSeq}`;
        const previous = this.streams.get(streamKey);
        if (previous) previous.stop();
        this.streams.set(streamKey, { stop, sink: self });
      },
    };
    return self;
  }

  /** `!fatal <reason>` (a bare word, as RouterOS sends it), then close. */
  private fatal(reason: string): void {
    this.closing = true;
    this.stopStreams();
    this.writer.send(["!fatal", reason]);
    this.writer.end();
    setTimeout(() => this.socket.destroy(), 2000).unref();
  }

  private stopStreams(): void {
    for (const s of this.streams.values()) s.stop();
    this.streams.clear();
  }
}

/** "00" + md5(0x00 + password + challenge), hex: the pre-6.43 login response. */
export function challengeResponse(password: string, challenge: Buffer): string {
  const md5 = createHash("md5").update(Buffer.concat([Buffer.from([0]), Buffer.from(password, "latin1"), challenge])).digest("hex");
  return `00${md5}`;
}
