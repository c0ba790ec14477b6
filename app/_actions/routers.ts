"use server";

import { createRouter, rotateRouterSecret, updateRouter } from "@/lib/routers/save-router";
import { verifyRouter } from "@/lib/routers/verify-router";
import { removeRouterApi, saveRouterApi } from "@/lib/routers/router-api-settings";
import type { RouterApiInput } from "@/lib/routers/router-api.schema";
import { testRouterConnection, type HealthResult } from "@/lib/routers/router-health";
import { disconnectRouterSession, removeCustomerLimit, setCustomerLimit } from "@/lib/routers/live";
import type { RouterInput } from "@/lib/routers/routers.schema";
import { AppError } from "@/lib/errors";
import type { ActionState } from "@/lib/next/action-state";
import { operatorAction } from "@/lib/next/operator-action";

// A new RADIUS secret is shown once. It travels back in the action's answer (values.secret),
// never in a URL (history, logs, Referer), and the router page never shows it again.

const ROUTER_STATUSES = ["ACTIVE", "DISABLED"] as const;
type RouterStatusInput = (typeof ROUTER_STATUSES)[number];

function parseStatus(value: string | undefined): RouterStatusInput | undefined {
  if (value === undefined || value === "") return undefined;
  if ((ROUTER_STATUSES as readonly string[]).includes(value)) return value as RouterStatusInput;
  throw new AppError("VALIDATION", { fieldErrors: { status: ["Choose active or disabled."] } });
}

export async function createRouterAction(prev: ActionState, formData: FormData): Promise<ActionState> {
  let created: { id: string; secret: string } | undefined;
  const state = await operatorAction(
    async (actor, input) => {
      const { router, secret } = await createRouter(actor, input as RouterInput);
      created = { id: router.id, secret };
      return router;
    },
    { revalidate: ["/admin/routers"], successMessage: "Router added. FreeRADIUS accepts it now." },
  )(prev, formData);
  return state.ok && created ? { ...state, values: { id: created.id, secret: created.secret } } : state;
}

export const updateRouterAction = operatorAction(
  (actor, input) => updateRouter(actor, input.id ?? "", { ...(input as RouterInput), status: parseStatus(input.status) }),
  { revalidate: ["/admin/routers"], successMessage: "Router saved." },
);

export async function rotateRouterSecretAction(prev: ActionState, formData: FormData): Promise<ActionState> {
  let secret: string | undefined;
  const state = await operatorAction(
    async (actor, input) => {
      ({ secret } = await rotateRouterSecret(actor, input.id ?? ""));
    },
    { successMessage: "A new secret was generated. The router cannot authenticate anyone until it is given this secret." },
  )(prev, formData);
  return state.ok && secret ? { ...state, values: { secret } } : state;
}

/** Verify: the router's signed answer proves this ISP's claim on its address. */
export async function verifyRouterAction(prev: ActionState, formData: FormData): Promise<ActionState> {
  let proven = false;
  const state = await operatorAction(
    async (actor, input) => {
      ({ proven } = await verifyRouter(actor, input.id ?? ""));
    },
    { revalidate: ["/admin/routers"] },
  )(prev, formData);
  if (!state.ok) return state;
  return proven
    ? { ...state, message: "Verified: the router answered with this secret. FreeRADIUS serves its address with this router from now on." }
    : { ...state, ok: false, message: "No signed answer from the router's CoA port. Check that /radius incoming accepts requests on that port and that the router has this secret." };
}

export const saveRouterApiAction = operatorAction(
  (actor, input) => saveRouterApi(actor, input.id ?? "", input as unknown as RouterApiInput),
  { revalidate: ["/admin/routers"], successMessage: "API access saved. Test the connection to check it." },
);

export const removeRouterApiAction = operatorAction((actor, input) => removeRouterApi(actor, input.id ?? ""), {
  revalidate: ["/admin/routers"],
  successMessage: "API access removed; the password is deleted.",
});

/** Test connection: the answer (identity, version, load) or the router's error, in the message. */
export async function testRouterConnectionAction(prev: ActionState, formData: FormData): Promise<ActionState> {
  let result: HealthResult | undefined;
  const state = await operatorAction(
    async (actor, input) => {
      result = await testRouterConnection(actor, input.id ?? "");
    },
    { revalidate: ["/admin/routers"] },
  )(prev, formData);
  if (!state.ok || !result) return state;
  return result.ok
    ? { ...state, ok: true, message: `Connected in ${result.latencyMs} ms: ${result.identity}, RouterOS ${result.version}, ${result.board}, CPU ${result.cpuLoad}%.` }
    : { ...state, ok: false, message: `Could not reach the router: ${result.error}` };
}

export const disconnectRouterSessionAction = operatorAction(
  async (actor, input) => {
    const outcome = await disconnectRouterSession(actor, input.id ?? "", input.kind ?? "", input.sessionId ?? "");
    if (outcome === "not-found") throw new AppError("NOT_FOUND", { userMessage: "That session had already ended." });
  },
  { successMessage: "Disconnected." },
);

export const setCustomerLimitAction = operatorAction(
  (actor, input) => setCustomerLimit(actor, input.id ?? "", { customerId: input.customerId ?? "", download: input.download ?? "", upload: input.upload ?? "" }),
  { successMessage: "Limit applied on the router." },
);

export const removeCustomerLimitAction = operatorAction((actor, input) => removeCustomerLimit(actor, input.id ?? "", input.queueId ?? ""), {
  successMessage: "Limit removed from the router.",
});
