// A RouterOS API server for tests, the demo and benchmarks: startRouterSim() listens on a port
// and speaks the API like a router would (see docs in ../../../../shared/docs/routeros.md).
import net from "node:net";
import tls from "node:tls";
import { SimConnection } from "./connection";
import type { CommandEnv } from "./commands";
import { RouterState } from "./router-state";
import { SessionSim } from "./sessions";
import type { RouterSim, RouterSimOptions, SimFaults, SimMenu, SimSessions, SimStats } from "./types";

export type { RouterSim, RouterSimOptions, SimFaults, SimMenu, SimRow, SimSessions, SimStats } from "./types";
export { LEGACY_LOGIN_FAILED, LOGIN_FAILED, challengeResponse } from "./connection";
export { SimTrap, formatDuration, parseDuration } from "./schema";

/** Cipher settings for api-ssl without a certificate (anonymous DH), as Node 20 / OpenSSL 3 need them. */
export const ANON_TLS = { ciphers: "ADH-AES256-GCM-SHA384:@SECLEVEL=0", maxVersion: "TLSv1.2" } as const;

function versionParts(v: string): number[] {
  return (v.match(/\d+/g) ?? []).slice(0, 3).map(Number);
}

/** Whether version `v` is at least `min` (e.g. "7.19.4" >= [7, 18]). */
export function versionAtLeast(v: string, min: number[]): boolean {
  const p = versionParts(v);
  for (let i = 0; i < min.length; i++) {
    const a = p[i] ?? 0;
    if (a !== min[i]) return a > min[i]!;
  }
  return true;
}

class Sim implements RouterSim {
  readonly host: string;
  port: number;
  readonly faults: SimFaults = {};
  readonly sessions: SimSessions;
  private state: RouterState;
  private sessionSim: SessionSim;
  private server: net.Server;
  private rawSockets = new Set<net.Socket>();
  private connections = new Set<SimConnection>();
  private counters = { connections: 0, commands: 0, writes: 0, byCommand: {} as Record<string, number> };
  private trafficTimer?: NodeJS.Timeout;
  private isDown = false;
  private listening = false;

  constructor(readonly options: RouterSimOptions) {
    this.host = options.host ?? "127.0.0.1";
    this.port = options.port ?? 0;
    const version = options.version ?? "7.19.4";
    this.state = new RouterState({ identity: options.identity ?? "MikroTik", board: options.board ?? "CHR", version });
    this.sessionSim = new SessionSim(this.state);
    this.sessions = this.sessionSim;
    const env: CommandEnv = {
      state: this.state,
      sessions: this.sessionSim,
      emptyReplies: () => this.faults.emptyReplies ?? options.emptyReplies ?? versionAtLeast(version, [7, 18]),
      countWrite: () => void this.counters.writes++,
    };
    const host = {
      users: options.users ?? [{ name: "admin", password: "" }],
      legacyLogin: options.legacyLogin ?? !versionAtLeast(version, [6, 43]),
      faults: this.faults,
      env,
      countCommand: (word: string) => {
        this.counters.commands++;
        this.counters.byCommand[word] = (this.counters.byCommand[word] ?? 0) + 1;
      },
      closed: (c: SimConnection) => void this.connections.delete(c),
    };
    const onConnection = (socket: net.Socket) => {
      if (this.isDown) return void socket.destroy();
      this.counters.connections++;
      this.connections.add(new SimConnection(socket, host));
    };
    this.server = this.createServer(onConnection);
    this.server.on("connection", (raw: net.Socket) => {
      this.rawSockets.add(raw);
      raw.on("close", () => this.rawSockets.delete(raw));
      raw.on("error", () => {});
    });
    if (options.traffic) {
      this.trafficTimer = setInterval(() => this.tick(1), 1000);
      this.trafficTimer.unref();
    }
  }

  get down(): boolean {
    return this.isDown;
  }

  private createServer(onConnection: (s: net.Socket) => void): net.Server {
    const t = this.options.tls;
    if (!t) return net.createServer(onConnection);
    const opts: tls.TlsOptions = t === "anon" ? { ...ANON_TLS, dhparam: "auto" } : { key: t.key, cert: t.cert };
    const server = tls.createServer(opts, onConnection);
    server.on("tlsClientError", () => {});
    return server;
  }

  listen(): Promise<void> {
    return new Promise((resolve, reject) => {
      const onError = (e: Error) => reject(e);
      this.server.once("error", onError);
      this.server.listen(this.port, this.host, () => {
        this.server.off("error", onError);
        this.listening = true;
        const addr = this.server.address();
        if (addr && typeof addr === "object") this.port = addr.port;
        resolve();
      });
    });
  }

  private stopListening(): Promise<void> {
    for (const s of this.rawSockets) s.destroy();
    if (!this.listening) return Promise.resolve();
    this.listening = false;
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  async close(): Promise<void> {
    if (this.trafficTimer) clearInterval(this.trafficTimer);
    this.isDown = true;
    await this.stopListening();
  }

  menu(path: string): SimMenu {
    return this.state.menu(path);
  }

  tick(seconds: number): void {
    this.sessionSim.tick(seconds);
  }

  stats(): SimStats {
    return { ...this.counters, byCommand: { ...this.counters.byCommand }, openConnections: this.connections.size };
  }

  resetStats(): void {
    this.counters = { connections: 0, commands: 0, writes: 0, byCommand: {} };
  }

  async setDown(down: boolean): Promise<void> {
    this.isDown = down;
    if (down) return this.stopListening();
    if (!this.listening) await this.listen();
  }
}

export async function startRouterSim(options: RouterSimOptions = {}): Promise<RouterSim> {
  const sim = new Sim(options);
  await sim.listen();
  return sim;
}
