// One reconcile of one router: claim the requested changes, compute the desired state, read the
// router once, write only the difference, and record what was done, found and refused. The
// network work happens between short transactions, never inside one.
import { withTenant } from "@/lib/db";
import { isRouterOsError, type RawApi, type RouterPool } from "@/lib/routeros";
import { ROUTER_ACCESS_SELECT, routerPool, routerTarget } from "../router-access";
import { canonicalJson } from "./canonical-json";
import { applyPlan, type ApplyResult } from "./apply-plan";
import { loadDesiredState, ownerComment, ownerOfKey } from "./desired-state";
import { MANAGED_MENUS } from "./managed-menus";
import { diffRouter, type RouterPlan } from "./diff-router";
import { endLiveSessions, type EndedSessions } from "./end-live-sessions";
import type { DesiredState, DriftEntry, ItemOwner, ReconcileSummary, SyncRecord } from "./provisioning.types";
import { readRouterItems, type NameOwners } from "./read-router";
import {
  claimChanges,
  deleteCustomerStates,
  deleteSyncRecords,
  finishLiveChanges,
  loadCustomerStates,
  loadLiveChanges,
  loadSyncRecords,
  saveCustomerStates,
  saveSyncRecords,
  type CustomerStateWrite,
  type LiveChangeRow,
  type RecordWrite,
} from "./sync-store";

/** Reads of thousands of rows need longer than one ordinary call. */
const RECONCILE_CALL_TIMEOUT_MS = 120_000;

export interface ReconcileOptions {
  /** The pool to reach the router through (the process's own by default). */
  pool?: RouterPool;
  /** Talk to this API instead (tests, benchmarks). */
  api?: RawApi;
  now?: Date;
  /** Writes in flight at once. */
  concurrency?: number;
}

/** The router could not be reached or answered nothing usable: the run is retried as a whole. */
export class RouterSyncError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = "RouterSyncError";
  }
}

export async function reconcileRouter(tenantId: string, routerId: string, options: ReconcileOptions = {}): Promise<ReconcileSummary> {
  const started = performance.now();
  const summary: ReconcileSummary = { routerId, itemsOnRouter: 0, desiredItems: 0, writes: 0, added: 0, changed: 0, removed: 0, drift: 0, errors: 0, durationMs: 0 };

  let mark = started;
  const lap = () => {
    const now = performance.now();
    const ms = Math.round(now - mark);
    mark = now;
    return ms;
  };
  const phases = { claim: 0, load: 0, read: 0, diff: 0, write: 0, save: 0 };
  const head = await withTenant(tenantId, async (tx) => {
    const router = await tx.router.findFirst({ where: { id: routerId, tenantId }, select: { ...ROUTER_ACCESS_SELECT, mode: true, status: true } });
    if (!router) return null;
    // A disabled router is left as it is: disabling it here must not wipe its customers there.
    if (router.status !== "ACTIVE") return { router, claimedAt: null };
    if (router.mode !== "API" && !(await tx.routerSyncItem.findFirst({ where: { routerId }, select: { key: true } }))) return { router, claimedAt: null };
    return { router, claimedAt: await claimChanges(tx, tenantId, routerId) };
  });
  if (!head) throw new RouterSyncError("Router not found.", false);
  if (!head.claimedAt) return { ...summary, skipped: head.router.status !== "ACTIVE" ? "disabled" : "not-api" };
  const claimedAt = head.claimedAt;
  phases.claim = lap();

  const target = routerTarget(head.router);
  if (!target && !options.api) {
    await markFailed(tenantId, routerId, "The router's API access is not set up: add it on the router's API page.");
    return { ...summary, skipped: "no-access" };
  }

  const loaded = await withTenant(tenantId, async (tx) => {
    const desired = await loadDesiredState(tx, tenantId, routerId, options.now);
    const [records, customerStates, live] = await Promise.all([loadSyncRecords(tx, routerId), loadCustomerStates(tx, routerId), loadLiveChanges(tx, routerId)]);
    return { desired: desired!, records, customerStates, live };
  });
  const { desired, records, customerStates, live } = loaded;
  phases.load = lap();

  let plan: RouterPlan;
  let applied: ApplyResult;
  let api: RawApi;
  try {
    api = options.api ?? (options.pool ?? routerPool()).api({ ...target!, timeoutMs: RECONCILE_CALL_TIMEOUT_MS });
    const snapshot = await readRouterItems(api, nameOwners(desired, records));
    summary.itemsOnRouter = snapshot.count;
    phases.read = lap();
    plan = diffRouter(desired.items, snapshot, records, (item) => ownerComment(item.owner));
    phases.diff = lap();
    applied = await applyPlan(api, plan.ops, { concurrency: options.concurrency });
    phases.write = lap();
  } catch (error) {
    const message = isRouterOsError(error) ? error.message : error instanceof Error ? error.message : String(error);
    await markFailed(tenantId, routerId, message);
    // An address the deployment's policy refuses is refused again on every retry: the sync
    // state shows why, and the next change or the operator's fix requests a new run.
    throw new RouterSyncError(message, !isRouterOsError(error, "refused"));
  }

  const liveIds = new Set(live.map((l) => l.customerId));
  const outcome = await withTenant(tenantId, (tx) => recordRun(tx, { tenantId, routerId, claimedAt, desired, plan, applied, customerStates, liveIds, startedAt: started }));
  phases.save = lap();
  const sessionsEnded = await endSessionsAfterWrite(tenantId, routerId, api, { live, desired, plan, applied, claimedAt });
  return {
    ...summary,
    sessionsEnded,
    desiredItems: desired.items.length,
    writes: applied.writes,
    added: applied.added,
    changed: applied.changed,
    removed: applied.removed,
    drift: outcome.drift,
    errors: applied.errors.size,
    durationMs: Math.round(performance.now() - started),
    phases,
  };
}

type LiveInput = { live: LiveChangeRow[]; desired: DesiredState; plan: RouterPlan; applied: ApplyResult; claimedAt: Date };

/**
 * The changes customers must feel now (a suspension, a new package...): once their new secret or
 * hotspot user is on the router, their live sessions end (end-live-sessions.ts). A customer whose
 * item the router refused keeps its change pending, and so does everyone when the router stops
 * answering: the run then fails and is retried.
 */
async function endSessionsAfterWrite(tenantId: string, routerId: string, api: RawApi, input: LiveInput): Promise<number> {
  if (!input.live.length) return 0;
  const refused = new Set<string>();
  for (const key of input.applied.errors.keys()) {
    const customerId = input.plan.items.get(key)?.item.customerId;
    if (customerId) refused.add(customerId);
  }
  let ended: EndedSessions;
  try {
    ended = await endLiveSessions(
      api,
      input.live.filter((l) => !refused.has(l.customerId)),
    );
  } catch (error) {
    const message = isRouterOsError(error) ? error.message : error instanceof Error ? error.message : String(error);
    await markFailed(tenantId, routerId, `Ending live sessions: ${message}`);
    throw new RouterSyncError(message, true);
  }
  const stillHere = new Set(input.desired.customers.map((c) => c.id));
  await withTenant(tenantId, async (tx) => {
    await finishLiveChanges(tx, routerId, ended.done, input.claimedAt, stillHere);
    for (const [customerId, error] of ended.errors) {
      await tx.customerRouterSync.updateMany({ where: { routerId, customerId }, data: { state: "ERROR", error } });
    }
  });
  return ended.ended;
}

/** For menus whose items cannot carry our tag: the names we gave (records) or would give (desired). */
function nameOwners(desired: DesiredState, records: ReadonlyMap<string, SyncRecord>): NameOwners {
  const out: NameOwners = {};
  const put = (menu: keyof typeof MANAGED_MENUS, name: string, owner: ItemOwner | null) => {
    if (MANAGED_MENUS[menu].tagged || !owner || !name) return;
    const map = (out[menu] ?? new Map<string, ItemOwner>()) as Map<string, ItemOwner>;
    out[menu] = map;
    if (!map.has(name)) map.set(name, owner);
  };
  for (const r of records.values()) put(r.menu, r.label, ownerOfKey(r.key));
  for (const item of desired.items) put(item.menu, item.label, item.owner);
  return out;
}

type RecordRunInput = {
  tenantId: string;
  routerId: string;
  claimedAt: Date;
  desired: DesiredState;
  plan: RouterPlan;
  applied: ApplyResult;
  customerStates: Awaited<ReturnType<typeof loadCustomerStates>>;
  /** Customers with a live change pending: their row stays until it is carried out, even if they left. */
  liveIds: ReadonlySet<string>;
  startedAt: number;
};

async function recordRun(tx: Parameters<Parameters<typeof withTenant>[1]>[0], input: RecordRunInput): Promise<{ drift: number }> {
  const { tenantId, routerId, claimedAt, desired, plan, applied } = input;

  // Items: what we wrote, confirmed or found changed by hand. A refused item keeps its old record.
  const writes: RecordWrite[] = [];
  const driftByCustomer = new Map<string, DriftEntry[]>();
  const errorsByCustomer = new Map<string, string[]>();
  let drift = 0;
  const routerErrors: string[] = [];
  for (const [key, result] of plan.items) {
    const error = applied.errors.get(key);
    const customerId = result.item.customerId;
    if (error) {
      if (customerId) errorsByCustomer.set(customerId, [...(errorsByCustomer.get(customerId) ?? []), error]);
      routerErrors.push(`${result.item.label}: ${error}`);
      continue;
    }
    drift += result.drift.length;
    if (customerId && result.drift.length) driftByCustomer.set(customerId, [...(driftByCustomer.get(customerId) ?? []), ...result.drift]);
    const routerItemId = applied.ids.get(key) ?? result.routerItemId;
    if (!result.dirty && routerItemId === result.routerItemId) continue;
    writes.push({ key, menu: result.item.menu, customerId, label: result.item.label, routerItemId, written: result.written, overrides: result.overrides, drift: result.drift });
  }
  for (const [key, error] of applied.errors) if (!plan.items.has(key)) routerErrors.push(`${key}: ${error}`);
  await saveSyncRecords(tx, tenantId, routerId, writes, claimedAt);
  await deleteSyncRecords(
    tx,
    routerId,
    plan.forget.filter((key) => !applied.errors.has(key)),
  );

  // Customers: ERROR (refused or not provisionable), DRIFT, or IN_SYNC; only rows that change.
  const states: CustomerStateWrite[] = [];
  const seen = new Set<string>();
  for (const c of desired.customers) {
    seen.add(c.id);
    const errors = [...c.problems, ...(errorsByCustomer.get(c.id) ?? [])];
    const customerDrift = driftByCustomer.get(c.id) ?? [];
    const state = errors.length ? "ERROR" : customerDrift.length ? "DRIFT" : "IN_SYNC";
    const error = errors.length ? errors.join(" ") : null;
    const before = input.customerStates.get(c.id);
    const driftJson = customerDrift.length ? canonicalJson(customerDrift) : null;
    if (before && before.state === state && before.error === error && (before.drift === null ? null : canonicalJson(JSON.parse(before.drift))) === driftJson) continue;
    states.push({ customerId: c.id, state, error, drift: customerDrift });
  }
  await saveCustomerStates(tx, tenantId, routerId, states, claimedAt);
  await deleteCustomerStates(
    tx,
    routerId,
    [...input.customerStates.keys()].filter((id) => !seen.has(id) && !input.liveIds.has(id)),
  );

  const now = new Date();
  await tx.router.update({
    where: { id: routerId },
    data: {
      syncState: routerErrors.length ? "ERROR" : drift ? "DRIFT" : "IN_SYNC",
      syncedAt: now,
      syncError: routerErrors.length ? `${routerErrors.length} item(s) refused by the router. ${routerErrors.slice(0, 3).join(" ")}`.slice(0, 2000) : null,
      driftCount: drift,
    },
  });
  await tx.routerProvisioning.update({
    where: { routerId },
    data: { lastRunAt: now, lastRunMs: Math.round(performance.now() - input.startedAt), lastRunWrites: applied.writes, lastRunItems: plan.items.size },
  });
  return { drift };
}

/** The router could not be synced: it shows ERROR, and so does every customer still waiting for it. */
async function markFailed(tenantId: string, routerId: string, message: string): Promise<void> {
  const text = message.slice(0, 1000);
  await withTenant(tenantId, async (tx) => {
    await tx.router.update({ where: { id: routerId }, data: { syncState: "ERROR", syncError: text } });
    await tx.customerRouterSync.updateMany({ where: { routerId, state: "PENDING" }, data: { state: "ERROR", error: `Not on the router yet: ${text} A retry is scheduled.` } });
  });
}
