// Applies the plan step by step. Each step reads the router afresh and writes only what its diff
// says, so a second run (or a retry after a failure half-way) changes nothing that is already right.
import { isRouterOsError, type RouterApi, type RouterOsErrorKind } from "@/lib/routeros";
import { diffRouterSetup, settingsOf, tableOf } from "./diff-router-setup";
import type { RouterSetupPlan, SetupChange, SetupStepId, SetupStepResult, SetupWrite } from "./setup.types";

/** Router trouble that a later attempt may not meet (the router was down, slow, or cut us off). */
const PASSING: readonly RouterOsErrorKind[] = ["unreachable", "timeout", "closed", "fatal", "circuit-open"];

/** A failed step, named; `retriable` when the router was unreachable rather than refusing. */
export class RouterSetupError extends Error {
  readonly stepId: SetupStepId;
  readonly kind: RouterOsErrorKind | "changed" | "error";
  readonly retriable: boolean;

  constructor(stepId: SetupStepId, message: string, options: { kind: RouterSetupError["kind"]; cause?: unknown }) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "RouterSetupError";
    this.stepId = stepId;
    this.kind = options.kind;
    this.retriable = options.kind === "changed" || (PASSING as readonly string[]).includes(options.kind);
  }
}

function wrap(stepId: SetupStepId, what: string, error: unknown): RouterSetupError {
  if (error instanceof RouterSetupError) return error;
  const kind = isRouterOsError(error) ? error.kind : "error";
  const reason = error instanceof Error ? error.message : String(error);
  return new RouterSetupError(stepId, `${what}: ${reason}`, { kind, cause: error });
}

async function execute(api: RouterApi, write: SetupWrite): Promise<"done" | "not-found"> {
  switch (write.op) {
    case "add":
      await tableOf(api, write.menu).add(write.placeBefore ? { ...write.values, placeBefore: write.placeBefore } : write.values);
      return "done";
    case "update":
      return tableOf(api, write.menu).update(write.id, write.patch);
    case "settings":
      await settingsOf(api, write.menu).set(write.patch);
      return "done";
  }
}

export type ApplyRouterSetupOptions = {
  /** Only these steps (the job runs one per job step). */
  steps?: readonly SetupStepId[];
  /** Called after each step (tests use it to fail the router half-way). */
  onStep?: (result: SetupStepResult) => void | Promise<void>;
};

export async function applyRouterSetup(api: RouterApi, plan: RouterSetupPlan, options: ApplyRouterSetupOptions = {}): Promise<SetupStepResult[]> {
  const results: SetupStepResult[] = [];
  for (const step of plan.steps) {
    if (options.steps && !options.steps.includes(step.id)) continue;
    let changes: SetupChange[];
    try {
      changes = (await diffRouterSetup(api, { ...plan, steps: [step] })).steps[0]!.changes;
    } catch (error) {
      throw wrap(step.id, `${step.title}: could not read the router`, error);
    }
    for (const change of changes) {
      if (!change.write) continue;
      const what = `${step.title}: ${change.action === "add" ? "adding" : "changing"} ${change.item} (${change.menu})`;
      let outcome: "done" | "not-found";
      try {
        outcome = await execute(api, change.write);
      } catch (error) {
        throw wrap(step.id, what, error);
      }
      if (outcome === "not-found") {
        throw new RouterSetupError(step.id, `${what}: the item was removed on the router meanwhile; running setup again reads it afresh`, { kind: "changed" });
      }
    }
    const result: SetupStepResult = {
      id: step.id,
      title: step.title,
      added: changes.filter((c) => c.action === "add").length,
      changed: changes.filter((c) => c.action === "set").length,
      unchanged: changes.filter((c) => c.action === "none").length,
      changes: changes.map(({ write: _write, ...view }) => view),
    };
    results.push(result);
    await options.onStep?.(result);
  }
  return results;
}
