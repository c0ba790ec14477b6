// Reads the router through the adapter and compares it with the plan. Our items are found by their
// comment tag, else an existing item with the same natural key is adopted (tagged), else added.
// Nothing that is not ours is ever removed; on the router's own items only our fields are set.
import { parseOwnerTags, withOwnerTag, ownerTag, type RouterApi } from "@/lib/routeros";
import { displayFields, displayValue, listOf, sameValue, valueToWrite, wireName } from "./setup-values";
import {
  SETUP_TAG_KIND,
  type FieldValues,
  type PlannedEach,
  type PlannedItem,
  type PlannedSettings,
  type PlannedStep,
  type RouterSetupDiff,
  type RouterSetupPlan,
  type SettingsMenuKey,
  type SetupChange,
  type SetupStepDiff,
  type SetupStepId,
  type TableMenuKey,
} from "./setup.types";

type Row = { id: string } & Record<string, unknown>;

type LooseTable = {
  path: string;
  list(): Promise<Row[]>;
  add(item: Record<string, unknown>): Promise<string>;
  update(id: string, patch: Record<string, unknown>): Promise<"done" | "not-found">;
};
type LooseSettings = { path: string; get(): Promise<Record<string, unknown>>; set(patch: Record<string, unknown>): Promise<void> };

export function tableOf(api: RouterApi, menu: TableMenuKey): LooseTable {
  return api[menu] as unknown as LooseTable;
}

export function settingsOf(api: RouterApi, menu: SettingsMenuKey): LooseSettings {
  return api[menu] as unknown as LooseSettings;
}

/** Each menu read once per diff. */
function snapshot(api: RouterApi) {
  const tables = new Map<string, Promise<Row[]>>();
  const settings = new Map<string, Promise<Record<string, unknown>>>();
  const rows = (menu: TableMenuKey | "hotspotServers") => {
    if (!tables.has(menu)) tables.set(menu, (api[menu] as unknown as LooseTable).list());
    return tables.get(menu)!;
  };
  return {
    rows,
    settings(menu: SettingsMenuKey) {
      if (!settings.has(menu)) settings.set(menu, settingsOf(api, menu).get());
      return settings.get(menu)!;
    },
  };
}
type Snapshot = ReturnType<typeof snapshot>;

function ownerTags(row: Row) {
  return parseOwnerTags(typeof row.comment === "string" ? row.comment : undefined);
}

function setupTags(row: Row): string[] {
  return ownerTags(row)
    .filter((t) => t.kind === SETUP_TAG_KIND)
    .map((t) => t.id);
}

function matchesKey(row: Row, key: PlannedItem["key"]): boolean {
  return Object.entries(key).every(([field, want]) => {
    if (typeof want === "object") {
      const have = new Set(listOf(row[field]));
      return want.anyOf.some((v) => have.has(v));
    }
    return sameValue(field, row[field], want);
  });
}

function describeKey(key: PlannedItem["key"]): string {
  return Object.entries(key)
    .filter(([, v]) => v !== "")
    .map(([k, v]) => `${wireName(k)}=${typeof v === "object" ? `any of ${v.anyOf.join(",")}` : displayValue(k, v)}`)
    .join(" ");
}

function describeRow(menu: PlannedEach["menu"], row: Row): string {
  return menu === "pppoeServers" ? `interface=${String(row.interface ?? "")} service-name=${String(row.serviceName ?? "")}` : `name=${String(row.name ?? "")}`;
}

/** The fields of `wanted` the row does not have yet, with the values to write. */
function patchFor(row: Record<string, unknown>, wanted: FieldValues, listFields: string[] = []): FieldValues {
  const patch: FieldValues = {};
  for (const [field, value] of Object.entries(wanted)) {
    const isList = listFields.includes(field);
    if (!sameValue(field, row[field], value, isList)) patch[field] = valueToWrite(row[field], value, isList);
  }
  return patch;
}

function currentOf(row: Record<string, unknown>, patch: FieldValues): Record<string, string> {
  return Object.fromEntries(Object.keys(patch).map((k) => [wireName(k), displayValue(k, row[k])]));
}

type StepState = { claimed: Map<TableMenuKey, Set<string>> };

function claim(state: StepState, menu: TableMenuKey, id: string) {
  if (!state.claimed.has(menu)) state.claimed.set(menu, new Set());
  state.claimed.get(menu)!.add(id);
}

function isClaimed(state: StepState, menu: TableMenuKey, id: string) {
  return state.claimed.get(menu)?.has(id) ?? false;
}

type ItemOutcome = { change: SetupChange; rowId?: string };

async function diffItem(snap: Snapshot, item: PlannedItem, state: StepState, api: RouterApi): Promise<ItemOutcome> {
  const rows = await snap.rows(item.menu);
  const path = tableOf(api, item.menu).path;
  const usable = (r: Row) => !isClaimed(state, item.menu, r.id) && r.dynamic !== true;
  const tagged = item.tagId ? rows.find((r) => usable(r) && setupTags(r).includes(item.tagId!)) : undefined;
  // Adopt only the router's own items: nothing another item of setup (or of the product) has tagged.
  const adopted = tagged ? undefined : rows.find((r) => usable(r) && ownerTags(r).length === 0 && matchesKey(r, item.key));
  const row = tagged ?? adopted;

  if (!row) {
    const values: FieldValues = { ...item.fields, ...item.createFields };
    if (item.tagId) values.comment = item.note ? `${ownerTag(SETUP_TAG_KIND, item.tagId)} ${item.note}` : ownerTag(SETUP_TAG_KIND, item.tagId);
    return { change: { action: "add", menu: path, item: item.label, match: "new", fields: displayFields(values), write: { op: "add", menu: item.menu, values } } };
  }

  claim(state, item.menu, row.id);
  const patch = patchFor(row, item.fields, item.listFields);
  if (adopted && item.tagId) patch.comment = withOwnerTag(typeof row.comment === "string" ? row.comment : "", SETUP_TAG_KIND, item.tagId);
  const match = tagged ? `tag ${ownerTag(SETUP_TAG_KIND, item.tagId!)}` : `existing ${describeKey(item.key)}`;
  if (Object.keys(patch).length === 0) return { change: { action: "none", menu: path, item: item.label, match, fields: {} }, rowId: row.id };
  return {
    change: { action: "set", menu: path, item: item.label, match, fields: displayFields(patch), current: currentOf(row, patch), write: { op: "update", menu: item.menu, id: row.id, patch } },
    rowId: row.id,
  };
}

async function diffEach(snap: Snapshot, each: PlannedEach, state: StepState, api: RouterApi): Promise<{ changes: SetupChange[]; notes: string[] }> {
  let rows = (await snap.rows(each.menu)).filter((r) => r.dynamic !== true);
  if (each.select === "used-by-hotspot-servers") {
    const inUse = new Set((await snap.rows("hotspotServers")).map((s) => String(s.profile ?? "default")));
    rows = rows.filter((r) => inUse.has(String(r.name)));
  }
  const path = tableOf(api, each.menu).path;
  const changes: SetupChange[] = [];
  for (const row of rows) {
    if (isClaimed(state, each.menu, row.id)) continue;
    const patch = patchFor(row, each.fields, each.listFields);
    const item = `${each.label} ${describeRow(each.menu, row)}`;
    const match = `existing ${describeRow(each.menu, row)}`;
    changes.push(
      Object.keys(patch).length === 0
        ? { action: "none", menu: path, item, match, fields: {} }
        : { action: "set", menu: path, item, match, fields: displayFields(patch), current: currentOf(row, patch), write: { op: "update", menu: each.menu, id: row.id, patch } },
    );
  }
  return { changes, notes: rows.length === 0 && each.whenNone ? [each.whenNone] : [] };
}

async function diffSettings(snap: Snapshot, entry: PlannedSettings, api: RouterApi): Promise<SetupChange> {
  const current = await snap.settings(entry.menu);
  const patch = patchFor(current, entry.fields);
  const path = settingsOf(api, entry.menu).path;
  if (Object.keys(patch).length === 0) return { action: "none", menu: path, item: entry.label, match: "settings", fields: {} };
  return { action: "set", menu: path, item: entry.label, match: "settings", fields: displayFields(patch), current: currentOf(current, patch), write: { op: "settings", menu: entry.menu, patch } };
}

/**
 * Where a missing rule goes so ours stay together and ahead of the router's own: before the next
 * rule of ours that exists, else right after our last one, else before the router's first rule.
 */
async function placeRules(snap: Snapshot, placed: { item: PlannedItem; outcome: ItemOutcome }[]) {
  if (placed.length === 0) return;
  const menu = placed[0]!.item.menu;
  const rows = await snap.rows(menu);
  const order = rows.map((r) => r.id);
  const dynamic = new Set(rows.filter((r) => r.dynamic === true).map((r) => r.id));
  const ours = placed.map((p) => p.outcome.rowId).filter((id): id is string => id !== undefined);
  const firstStaticFrom = (index: number) => order.slice(index).find((id) => !dynamic.has(id) && !ours.includes(id));
  const lastOurs = Math.max(-1, ...ours.map((id) => order.indexOf(id)));
  placed.forEach((p, i) => {
    const write = p.outcome.change.write;
    if (write?.op !== "add") return;
    const nextOurs = placed.slice(i + 1).find((q) => q.outcome.rowId !== undefined)?.outcome.rowId;
    const anchor = nextOurs ?? (lastOurs >= 0 ? firstStaticFrom(lastOurs + 1) : firstStaticFrom(0));
    if (anchor) {
      write.placeBefore = anchor;
      p.outcome.change.match = `new, before rule ${anchor}`;
    } else {
      p.outcome.change.match = lastOurs >= 0 ? "new, after our rules" : "new, first rule";
    }
  });
}

async function diffStep(snap: Snapshot, step: PlannedStep, api: RouterApi): Promise<SetupStepDiff> {
  const state: StepState = { claimed: new Map() };
  const changes: SetupChange[] = [];
  const notes: string[] = [];
  const placed: { item: PlannedItem; outcome: ItemOutcome }[] = [];
  for (const entry of step.entries) {
    if (entry.kind === "settings") changes.push(await diffSettings(snap, entry, api));
    else if (entry.kind === "item") {
      const outcome = await diffItem(snap, entry, state, api);
      if (entry.placeFirst) placed.push({ item: entry, outcome });
      changes.push(outcome.change);
    } else {
      const each = await diffEach(snap, entry, state, api);
      changes.push(...each.changes);
      notes.push(...each.notes);
    }
  }
  await placeRules(snap, placed);
  return { id: step.id, title: step.title, notes, changes };
}

export function countActions(steps: { changes: { action: SetupChange["action"] }[] }[]): RouterSetupDiff["counts"] {
  const counts = { add: 0, set: 0, none: 0 };
  for (const s of steps) for (const c of s.changes) counts[c.action]++;
  return counts;
}

/** The dry-run: every planned step (or those asked for) against the router as it is now. */
export async function diffRouterSetup(api: RouterApi, plan: RouterSetupPlan, options: { steps?: readonly SetupStepId[] } = {}): Promise<RouterSetupDiff> {
  const snap = snapshot(api);
  const steps: SetupStepDiff[] = [];
  for (const step of plan.steps) {
    if (options.steps && !options.steps.includes(step.id)) continue;
    steps.push(await diffStep(snap, step, api));
  }
  return { steps, warnings: plan.warnings, counts: countActions(steps) };
}

/** The diff without what apply writes (the RADIUS secret among it): what may leave the server. */
export function toDiffView(diff: RouterSetupDiff): RouterSetupDiff<Omit<SetupChange, "write">> {
  return { ...diff, steps: diff.steps.map((s) => ({ ...s, changes: s.changes.map(({ write: _write, ...view }) => view) })) };
}
