"use server";

// One-click router setup from the router's page: the dry-run, Apply, and the progress poll. Each
// resolves the operator on the server and calls one lib/routers/setup service, which authorizes
// and scopes the router to the operator's ISP (ids from the browser are never trusted).
import type { OperatorActor } from "@/lib/audit/actor";
import { toAppError } from "@/lib/errors";
import type { ActionState } from "@/lib/next/action-state";
import { getOperatorActor } from "@/lib/next/actor";
import { operatorAction } from "@/lib/next/operator-action";
import { dryRunRouterSetup, type RouterSetupDryRun } from "@/lib/routers/setup/dry-run-router-setup";
import { getRouterSetupProgress, type RouterSetupProgress } from "@/lib/routers/setup/router-setup-progress";
import type { SetupActionResult } from "@/lib/routers/setup/setup.types";
import { startRouterSetup } from "@/lib/routers/setup/start-router-setup";

async function asOperator<T>(run: (actor: OperatorActor) => Promise<T>): Promise<SetupActionResult<T>> {
  const actor = await getOperatorActor();
  if (!actor) return { ok: false, message: "Your session has ended. Please sign in again." };
  try {
    return { ok: true, data: await run(actor) };
  } catch (error) {
    return { ok: false, message: toAppError(error).userMessage };
  }
}

const text = (value: unknown) => (typeof value === "string" ? value : "");

/** What setup would add or change on the router; writes nothing. */
export async function dryRunRouterSetupAction(routerId: string, pppoeInterface: string): Promise<SetupActionResult<RouterSetupDryRun>> {
  return asOperator((actor) => dryRunRouterSetup(actor, text(routerId), { pppoeInterface: text(pppoeInterface) }));
}

/** Apply: queues the setup job. On success `values.requestId` names the run to follow. */
export async function applyRouterSetupAction(prev: ActionState, formData: FormData): Promise<ActionState> {
  let requestId: string | undefined;
  const state = await operatorAction(
    async (actor, input) => {
      ({ requestId } = await startRouterSetup(actor, input.id ?? "", { pppoeInterface: input.pppoeInterface ?? "" }));
    },
    { successMessage: "Setup started. Each step shows below as the router is configured." },
  )(prev, formData);
  return state.ok && requestId ? { ...state, values: { requestId } } : state;
}

/** The run started by that request (null until the worker picks it up). */
export async function routerSetupProgressAction(routerId: string, requestId: string): Promise<SetupActionResult<RouterSetupProgress | null>> {
  return asOperator((actor) => getRouterSetupProgress(actor, text(routerId), text(requestId)));
}
