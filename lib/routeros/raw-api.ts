// String-in, string-out access to any menu: what the typed menus are built on, and the escape
// hatch for anything they don't cover. Values are never converted; every word is ASCII-checked.
import { assertWritableAscii } from "./ascii";
import { RouterOsError, RouterOsValueError, isNoSuchItem } from "./errors";
import type { ItemOutcome, RawRow } from "./types";

export interface CommandReply {
  rows: RawRow[];
  /** `=ret=` of `!done`, e.g. the .id of an added item. */
  ret?: string;
}

export interface RouterStream {
  /** Cancels the command on the router (`/cancel`) and waits until it has stopped. */
  stop(): Promise<void>;
  /** Settles when the stream ends: resolves on stop() or a natural end, rejects on errors. */
  done: Promise<void>;
}

/** What a RouterApi runs its commands through (the pool, or a fake in tests). */
export interface RouterTransport {
  readonly routerId: string;
  call(words: string[]): Promise<CommandReply>;
  stream(words: string[], onRow: (row: RawRow) => void): RouterStream;
}

export interface PrintOptions {
  /** Only these properties (`=.proplist=`). */
  proplist?: string[];
  /** Equality queries, ANDed: { name: "0712" } -> `?name=0712`. */
  where?: Record<string, string>;
  /** Raw query words, e.g. ["?>bytes-in=0", "?#|"]. */
  query?: string[];
  /** Extra arguments, e.g. { stats: "" } for `=stats=`. */
  args?: Record<string, string>;
}

export interface RawApi {
  print(menu: string, options?: PrintOptions): Promise<RawRow[]>;
  /** Returns the new item's .id. */
  add(menu: string, fields: Record<string, string>): Promise<string>;
  /** Acts on that .id only; "not-found" when the router no longer has it. */
  set(menu: string, id: string, fields: Record<string, string>): Promise<ItemOutcome>;
  remove(menu: string, id: string): Promise<ItemOutcome>;
  /** Looks the ids up first and removes only those that exist, in one command. */
  removeMany(menu: string, ids: string[]): Promise<{ removed: string[]; missing: string[] }>;
  /** Any command, e.g. run("/interface/monitor-traffic", { interface: "ether1", once: "" }). */
  run(command: string, args?: Record<string, string>, query?: string[]): Promise<RawRow[]>;
  stream(command: string, args: Record<string, string>, onRow: (row: RawRow) => void): RouterStream;
}

const PATH = /^(?:\/[a-z0-9][a-z0-9-]*)+$/;
const KEY = /^\.?[a-zA-Z0-9][a-zA-Z0-9-]*$/;
const QUERY = /^\?[-<>#=.a-zA-Z0-9]/;

export function createRawApi(transport: RouterTransport): RawApi {
  const call = (words: string[]) => transport.call(words);

  return {
    async print(menu, options = {}) {
      const words = [`${checkPath(menu)}/print`, ...argWords(options.args ?? {})];
      if (options.proplist?.length) {
        for (const p of options.proplist) checkKey(p);
        words.push(`=.proplist=${options.proplist.join(",")}`);
      }
      for (const [key, value] of Object.entries(options.where ?? {})) {
        words.push(`?${checkKey(key)}=${assertWritableAscii(`${menu} ?${key}`, value)}`);
      }
      words.push(...queryWords(options.query ?? []));
      return (await call(words)).rows;
    },

    async add(menu, fields) {
      const reply = await call([`${checkPath(menu)}/add`, ...argWords(fields)]);
      if (!reply.ret) throw new RouterOsError("trap", `${menu}/add returned no .id`, { command: `${menu}/add`, routerId: transport.routerId });
      return reply.ret;
    },

    async set(menu, id, fields) {
      if (Object.keys(fields).length === 0) throw new RouterOsValueError(`${menu}/set`, "nothing to set");
      return notFoundAsOutcome(call([`${checkPath(menu)}/set`, `=.id=${checkId(id)}`, ...argWords(fields)]));
    },

    async remove(menu, id) {
      return notFoundAsOutcome(call([`${checkPath(menu)}/remove`, `=.id=${checkId(id)}`]));
    },

    async removeMany(menu, ids) {
      const wanted = [...new Set(ids.map(checkId))];
      if (wanted.length === 0) return { removed: [], missing: [] };
      const query = wanted.map((id) => `?.id=${id}`);
      for (let i = 1; i < wanted.length; i++) query.push("?#|");
      const found = await call([`${checkPath(menu)}/print`, "=.proplist=.id", ...query]);
      const existing = new Set(found.rows.map((r) => r[".id"]));
      const removed = wanted.filter((id) => existing.has(id));
      const missing = wanted.filter((id) => !existing.has(id));
      if (removed.length > 0) await call([`${menu}/remove`, `=.id=${removed.join(",")}`]);
      return { removed, missing };
    },

    async run(command, args = {}, query = []) {
      return (await call([checkPath(command), ...argWords(args), ...queryWords(query)])).rows;
    },

    stream(command, args, onRow) {
      return transport.stream([checkPath(command), ...argWords(args)], onRow);
    },
  };
}

async function notFoundAsOutcome(reply: Promise<CommandReply>): Promise<ItemOutcome> {
  try {
    await reply;
    return "done";
  } catch (error) {
    if (isNoSuchItem(error)) return "not-found";
    throw error;
  }
}

function argWords(fields: Record<string, string>): string[] {
  return Object.entries(fields).map(([key, value]) => {
    if (typeof value !== "string") throw new RouterOsValueError(key, "raw values must be strings");
    return `=${checkKey(key)}=${assertWritableAscii(key, value)}`;
  });
}

function queryWords(words: string[]): string[] {
  for (const w of words) {
    if (!QUERY.test(w)) throw new RouterOsValueError("query", `not a query word: "${w}"`);
    assertWritableAscii("query", w);
  }
  return words;
}

function checkPath(path: string): string {
  if (!PATH.test(path)) throw new RouterOsValueError("menu", `not a RouterOS menu path: "${path}"`);
  return path;
}

function checkKey(key: string): string {
  if (!KEY.test(key)) throw new RouterOsValueError("field", `not a RouterOS property name: "${key}"`);
  return key;
}

/** One item: never empty (that would be a command with no target) and never a list. */
export function checkId(id: string): string {
  if (typeof id !== "string" || !/^[^\s,]+$/.test(id)) throw new RouterOsValueError(".id", `not an item id: "${id}"`);
  return assertWritableAscii(".id", id);
}
