// Carries a plan out on the router in dependency order: profiles are added or changed first (a
// secret may only name a profile that exists), stale items go before new ones are added (a name
// may be taken over), and profiles go last (after whatever used them). A trap on one item is
// that item's error; losing the router stops the run (it is retried as a whole).
import { isRouterOsError, RouterOsValueError, type RawApi } from "@/lib/routeros";
import { MANAGED_MENUS } from "./managed-menus";
import type { PlanOp } from "./diff-router";

export interface ApplyResult {
  writes: number;
  added: number;
  changed: number;
  removed: number;
  /** key -> the router's .id of the item after its op. */
  ids: Map<string, string>;
  /** key -> what went wrong with that item (the item is left as it was). */
  errors: Map<string, string>;
  /** Keys whose stale items were all removed. */
  removedKeys: Set<string>;
}

/** One item's failure the run can live with: the router answered, but refused it. */
export function itemFailure(error: unknown): string | null {
  if (error instanceof RouterOsValueError) return error.message;
  if (isRouterOsError(error, "trap")) return error.detail ?? error.message;
  return null;
}

async function inParallel<T>(items: readonly T[], concurrency: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}

export async function applyPlan(api: RawApi, ops: readonly PlanOp[], options: { concurrency?: number } = {}): Promise<ApplyResult> {
  const result: ApplyResult = { writes: 0, added: 0, changed: 0, removed: 0, ids: new Map(), errors: new Map(), removedKeys: new Set() };
  const concurrency = options.concurrency ?? 16;
  const failedRemovals = new Set<string>();
  const profile = (op: PlanOp) => MANAGED_MENUS[op.menu].profile;
  const phases: PlanOp[][] = [
    ops.filter((op) => profile(op) && op.op !== "remove"),
    ops.filter((op) => !profile(op) && op.op === "remove"),
    ops.filter((op) => !profile(op) && op.op === "set"),
    ops.filter((op) => !profile(op) && op.op === "add"),
    ops.filter((op) => profile(op) && op.op === "remove"),
  ];

  const run = async (op: PlanOp) => {
    const path = MANAGED_MENUS[op.menu].path;
    try {
      switch (op.op) {
        case "add":
          result.ids.set(op.key, await api.add(path, op.fields));
          result.writes++;
          result.added++;
          return;
        case "set": {
          let missing = false;
          if (Object.keys(op.set).length) {
            missing = (await api.set(path, op.id, op.set)) === "not-found";
            result.writes++;
          }
          if (!missing && op.unset.length) {
            // RouterOS clears an optional property with unset, not with an empty value.
            for (const field of op.unset) await api.run(`${path}/unset`, { numbers: op.id, "value-name": field });
            result.writes += op.unset.length;
          }
          if (missing) {
            // Removed by hand between our read and this write: add it afresh.
            result.ids.set(op.key, await api.add(path, op.addIfMissing));
            result.writes++;
            result.added++;
            return;
          }
          result.ids.set(op.key, op.id);
          result.changed++;
          return;
        }
        case "remove":
          await api.remove(path, op.id);
          result.writes++;
          result.removed++;
          return;
      }
    } catch (error) {
      const message = itemFailure(error);
      if (message === null) throw error;
      if (op.op === "remove") failedRemovals.add(op.key);
      const verb = op.op === "add" ? "adding" : op.op === "set" ? "changing" : "removing";
      result.errors.set(op.key, `${MANAGED_MENUS[op.menu].title}: the router refused ${verb} it (${message})`);
    }
  };

  for (const phase of phases) await inParallel(phase, concurrency, run);
  for (const op of ops) if (op.op === "remove" && op.stale && !failedRemovals.has(op.key)) result.removedKeys.add(op.key);
  return result;
}
