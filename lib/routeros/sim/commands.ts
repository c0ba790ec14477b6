// Menu commands: print/getall, listen, add, set, remove, enable, disable, unset, get, move,
// comment, and /interface/monitor-traffic. They answer through a ReplySink and throw SimTrap.
import { compileQuery, parseProplist, projectRow, type CompiledQuery, type Projection } from "./query";
import type { RouterState } from "./router-state";
import { parseDuration, SimTrap } from "./schema";
import type { SessionSim } from "./sessions";
import type { Row, Table } from "./table";

export interface ParsedCommand {
  word: string;
  tag?: string;
  args: Map<string, string>;
  queries: string[];
}

export interface ReplySink {
  re(words: string[]): void;
  done(ret?: string): void;
  empty(): void;
  /** Keeps the command running until /cancel or disconnect, which call `stop`. */
  stream(stop: () => void): void;
}

export interface CommandEnv {
  state: RouterState;
  sessions: SessionSim;
  emptyReplies(): boolean;
  /** A write command changed something. */
  countWrite(): void;
}

const PRINT_ARGS = new Set([".proplist", "count-only", "detail", "stats", "stats-detail", "without-paging", "follow", "follow-only", "follow-strict", "as-value", "brief", "terse", "from", "oid", "value-list", "show-ids"]);
const MONITOR_ARGS = new Set(["interface", "once", "interval", "duration", ".proplist", "aggregate", "without-paging", "as-value"]);

function checkArgs(args: Map<string, string>, allowed: Set<string> | string[]): void {
  const ok = allowed instanceof Set ? allowed : new Set(allowed);
  for (const name of args.keys()) if (!ok.has(name)) throw new SimTrap("unknown parameter");
}

/** Field arguments of a write: everything but the listed control arguments. */
function fieldArgs(args: Map<string, string>, control: string[]): Row {
  const out: Row = {};
  for (const [k, v] of args) if (!control.includes(k)) out[k] = v;
  return out;
}

function targetIds(table: Table, args: Map<string, string>): string[] {
  const ref = args.get(".id") ?? args.get("numbers");
  if (ref === undefined) throw new SimTrap("missing value(s) of argument(s) .id");
  return table.resolveIds(ref);
}

function noSuchCommand(): never {
  throw new SimTrap("no such command");
}

export function runMenuCommand(cmd: ParsedCommand, env: CommandEnv, sink: ReplySink): void {
  const slash = cmd.word.lastIndexOf("/");
  const table = slash > 0 ? env.state.table(cmd.word.slice(0, slash)) : undefined;
  if (!table) throw new SimTrap("no such command prefix");
  const verb = cmd.word.slice(slash + 1);
  const settings = table.spec.kind === "settings";
  const { args } = cmd;
  const ID_ARGS = [".id", "numbers"];
  switch (verb) {
    case "print":
    case "getall":
      return print(table, cmd, env, sink);
    case "listen":
      checkArgs(args, [".proplist"]);
      return watch(table, compileQuery(cmd.queries, table.spec.fields), projection(table, args), sink);
    case "add": {
      if (settings || table.spec.canAdd === false) noSuchCommand();
      const id = table.add(fieldArgs(args, ["place-before"]), { placeBefore: args.get("place-before") });
      env.countWrite();
      return sink.done(id);
    }
    case "set": {
      if (table.spec.canSet === false) noSuchCommand();
      const fields = fieldArgs(args, ID_ARGS);
      const ids = settings ? [table.settings()[".id"]!] : targetIds(table, args);
      if (settings && (args.has(".id") || args.has("numbers"))) throw new SimTrap("unknown parameter");
      let changed = false;
      for (const id of ids) changed = table.update(id, fields) || changed;
      if (changed) env.countWrite();
      return sink.done();
    }
    case "remove": {
      if (settings || table.spec.canRemove === false) noSuchCommand();
      checkArgs(args, ID_ARGS);
      for (const id of targetIds(table, args)) table.remove(id);
      env.countWrite();
      return sink.done();
    }
    case "enable":
    case "disable": {
      if (settings || !table.spec.fields.disabled) noSuchCommand();
      checkArgs(args, ID_ARGS);
      let changed = false;
      for (const id of targetIds(table, args)) changed = table.update(id, { disabled: verb === "disable" ? "true" : "false" }) || changed;
      if (changed) env.countWrite();
      return sink.done();
    }
    case "comment": {
      if (settings || !table.spec.fields.comment) noSuchCommand();
      checkArgs(args, [...ID_ARGS, "comment"]);
      let changed = false;
      for (const id of targetIds(table, args)) changed = table.update(id, { comment: args.get("comment") ?? "" }) || changed;
      if (changed) env.countWrite();
      return sink.done();
    }
    case "unset": {
      if (table.spec.canSet === false) noSuchCommand();
      checkArgs(args, [...ID_ARGS, "value-name"]);
      const names = (args.get("value-name") ?? "").split(",").filter(Boolean);
      if (!names.length) throw new SimTrap("missing value(s) of argument(s) value-name");
      const ids = settings ? [table.settings()[".id"]!] : targetIds(table, args);
      let changed = false;
      for (const id of ids) changed = table.unset(id, names) || changed;
      if (changed) env.countWrite();
      return sink.done();
    }
    case "get": {
      checkArgs(args, [...ID_ARGS, "number", "value-name"]);
      const name = args.get("value-name");
      if (!name) throw new SimTrap("missing value(s) of argument(s) value-name");
      env.state.refresh(table);
      const ref = args.get(".id") ?? args.get("number") ?? args.get("numbers");
      const id = settings ? table.settings()[".id"]! : ref === undefined ? undefined : table.resolveId(ref);
      const row = id === undefined ? undefined : table.get(id);
      if (!row) throw new SimTrap("no such item");
      if (!(name in table.spec.fields) && name !== ".id") throw new SimTrap("no such property");
      return sink.done(row[name] ?? "");
    }
    case "move": {
      if (!table.spec.ordered) noSuchCommand();
      checkArgs(args, [...ID_ARGS, "destination"]);
      const ids = targetIds(table, args);
      const dest = args.get("destination");
      const destId = dest === undefined ? undefined : table.resolveId(dest);
      if (dest !== undefined && !destId) throw new SimTrap("no such item");
      if (table.move(ids, destId)) env.countWrite();
      return sink.done();
    }
    case "monitor-traffic":
      if (table.path !== "/interface") noSuchCommand();
      return monitorTraffic(table, cmd, env, sink);
    default:
      noSuchCommand();
  }
}

function projection(table: Table, args: Map<string, string>): Projection {
  return { proplist: parseProplist(args.get(".proplist")), stats: args.has("stats") || args.has("stats-detail"), withId: table.spec.kind === "table" };
}

/** Rows a query can touch, through an index when the query is a single equality on .id or the key. */
function candidates(table: Table, q: CompiledQuery): Iterable<Row> {
  const eq = q.equality;
  if (eq && table.spec.kind === "table" && (eq.field === ".id" || eq.field === table.spec.key)) {
    const row = eq.field === ".id" ? table.get(table.resolveId(eq.value) ?? "") : table.byKey(eq.value);
    return row ? [row] : [];
  }
  return table.values();
}

function print(table: Table, cmd: ParsedCommand, env: CommandEnv, sink: ReplySink): void {
  const { args } = cmd;
  checkArgs(args, PRINT_ARGS);
  env.state.refresh(table);
  const q = compileQuery(cmd.queries, table.spec.fields);
  const proj = projection(table, args);
  const from = args.has("from") ? new Set(table.resolveIds(args.get("from")!)) : undefined;
  const countOnly = args.has("count-only");
  const followOnly = args.has("follow-only");
  const follow = followOnly || args.has("follow") || args.has("follow-strict");
  let count = 0;
  if (!followOnly) {
    for (const row of candidates(table, q)) {
      if (from && !from.has(row[".id"]!)) continue;
      if (!q.match(row)) continue;
      count++;
      if (!countOnly) sink.re(projectRow(row, table.fieldNames, table.statsFields, proj));
    }
  }
  if (countOnly) return sink.done(String(count));
  if (!count && !followOnly && env.emptyReplies()) sink.empty();
  if (follow) return watch(table, q, proj, sink);
  sink.done();
}

/** Streams changes as !re (removals as `.dead=yes`) until cancelled. */
function watch(table: Table, q: CompiledQuery, proj: Projection, sink: ReplySink): void {
  const unsubscribe = table.subscribe((c) => {
    if (c.row && q.match(c.row)) sink.re(projectRow(c.row, table.fieldNames, table.statsFields, proj));
    else if (c.before && q.match(c.before)) sink.re([`=.id=${c.id}`, "=.dead=yes"]);
  });
  sink.stream(unsubscribe);
}

function monitorTraffic(table: Table, cmd: ParsedCommand, env: CommandEnv, sink: ReplySink): void {
  const { args } = cmd;
  checkArgs(args, MONITOR_ARGS);
  const names = (args.get("interface") ?? "").split(",").filter(Boolean);
  if (!names.length) throw new SimTrap("missing value(s) of argument(s) interface");
  const ids = names.map((n) => {
    const id = table.resolveId(n);
    if (!id) throw new SimTrap("input does not match any value of interface", 1);
    return id;
  });
  const proplist = parseProplist(args.get(".proplist"));
  const emit = () => {
    for (const id of ids) {
      const name = table.get(id)?.name ?? id;
      const r = env.sessions.interfaceRates(name);
      const row: Row = {
        name,
        "rx-packets-per-second": String(r.rxPps),
        "rx-bits-per-second": String(r.rxBps),
        "fp-rx-packets-per-second": "0",
        "fp-rx-bits-per-second": "0",
        "rx-drops-per-second": "0",
        "rx-errors-per-second": "0",
        "tx-packets-per-second": String(r.txPps),
        "tx-bits-per-second": String(r.txBps),
        "fp-tx-packets-per-second": "0",
        "fp-tx-bits-per-second": "0",
        "tx-drops-per-second": "0",
        "tx-queue-drops-per-second": "0",
        "tx-errors-per-second": "0",
      };
      sink.re(Object.keys(row).filter((k) => !proplist || proplist.includes(k)).map((k) => `=${k}=${row[k]}`));
    }
  };
  emit();
  if (args.has("once")) return sink.done();
  const intervalMs = Math.max(100, (args.has("interval") ? parseDuration(args.get("interval")!) || 1 : 1) * 1000);
  const timer = setInterval(emit, intervalMs);
  timer.unref();
  let endTimer: NodeJS.Timeout | undefined;
  if (args.has("duration")) {
    endTimer = setTimeout(() => {
      clearInterval(timer);
      sink.done();
    }, parseDuration(args.get("duration")!) * 1000);
    endTimer.unref();
  }
  sink.stream(() => {
    clearInterval(timer);
    if (endTimer) clearTimeout(endTimer);
  });
}
