// Public types of the RouterOS API simulator.

export type SimRow = Record<string, string>;

export interface RouterSimOptions {
  /** Default "127.0.0.1". */
  host?: string;
  /** 0 = ephemeral (default). */
  port?: number;
  /** /system/identity name, default "MikroTik". */
  identity?: string;
  /** Default "7.19.4"; RouterOS >= 7.18 answers an empty print with "!empty" before "!done". */
  version?: string;
  /** Overrides the !empty behaviour regardless of version. */
  emptyReplies?: boolean;
  /** Pre-6.43 challenge login. Defaults to true when version < 6.43. */
  legacyLogin?: boolean;
  /** Default [{ name: "admin", password: "" }]. */
  users?: { name: string; password: string }[];
  /** "anon" = anonymous DH like api-ssl without a certificate (ADH, TLS 1.2, SECLEVEL=0). */
  tls?: false | { key: string | Buffer; cert: string | Buffer } | "anon";
  /** "CHR" (default) or a RouterBOARD model such as "RB4011iGS+". */
  board?: string;
  /** When true, active sessions' counters grow on a one-second timer (demo). Tests use tick(). */
  traffic?: boolean;
}

export interface SimMenu {
  rows(): SimRow[];
  /** Adds a row (defaults applied, uniqueness and references checked; read-only fields allowed). Returns its .id. */
  add(fields: SimRow): string;
  get(id: string): SimRow | undefined;
  set(id: string, fields: SimRow): void;
  remove(id: string): void;
  find(pred: (r: SimRow) => boolean): SimRow[];
}

export interface SimFaults {
  /** Overrides the !empty behaviour (on top of options.emptyReplies and version). */
  emptyReplies?: boolean;
  /** The next N commands are swallowed: not executed, never answered (a hang). */
  dropNext?: number;
  /** The next N commands are executed but never answered (a lost reply). */
  dropNextApplied?: number;
  /** The next N commands: the socket is destroyed right after the command arrives (not executed). */
  cutNext?: number;
  /** The next N commands are answered with !fatal and the connection is closed (not executed). */
  fatalNext?: number;
  /** Added latency before each reply batch, in milliseconds. */
  delayMs?: number;
  /** true = replies written one byte at a time; number[] = chunk sizes, cycled. */
  splitWrites?: boolean | number[];
  /** Every login fails as if the password were wrong. */
  rejectLogin?: boolean;
}

export interface SimSessions {
  /** Adds a row to /ppp/active and a dynamic <pppoe-name> interface. Returns the /ppp/active .id. */
  pppConnect(s: { name: string; address?: string; callerId?: string; service?: string }): string;
  /** Adds a row to /ip/hotspot/active (and an authorized /ip/hotspot/host). Returns the active .id. */
  hotspotLogin(s: { user: string; address?: string; macAddress?: string }): string;
  /** Disconnects every session. */
  clear(): void;
}

export interface SimStats {
  /** Connections accepted since start or resetStats(). */
  connections: number;
  /** Connections open right now. */
  openConnections: number;
  /** Command sentences received (including /login). */
  commands: number;
  /** Write commands (add/set/remove/enable/disable/unset/move/comment) that changed state. */
  writes: number;
  /** Received command words, e.g. { "/ppp/secret/print": 3 }. */
  byCommand: Record<string, number>;
}

export interface RouterSim {
  readonly host: string;
  readonly port: number;
  readonly options: RouterSimOptions;
  /** Closes the listener and every connection. */
  close(): Promise<void>;
  /** A menu by path, e.g. "/ppp/secret". Throws for a menu the simulator does not have. */
  menu(path: string): SimMenu;
  faults: SimFaults;
  sessions: SimSessions;
  /** Advances uptime and traffic counters by `seconds`, deterministically. */
  tick(seconds: number): void;
  stats(): SimStats;
  resetStats(): void;
  /**
   * down: closes the listener (new connections are refused) and cuts every open connection.
   * up: listens again on the same port. Resolves once the listener is closed / listening.
   */
  setDown(down: boolean): Promise<void>;
  /** Whether setDown(true) is in effect. */
  readonly down: boolean;
}
