// Everything a setup run needs about one router: its API, and the plan computed from its row, the
// ISP's RADIUS settings and the environment. Tenant-scoped: another ISP's router is "not found".
import { open } from "@/lib/crypto/secret-box";
import { withTenant } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { radiusSettingsOf } from "@/lib/radius/tenant-radius-settings";
import { isRouterOsError, type RouterApi } from "@/lib/routeros";
import { ROUTER_ACCESS_SELECT, routerPool, routerTarget } from "../router-access";
import { planRouterSetup } from "./plan-router-setup";
import { routerSetupEnvironment } from "./setup-environment";
import type { RouterSetupOptions, RouterSetupPlan } from "./setup.types";

export type PreparedRouterSetup = {
  router: { id: string; name: string; setupAppliedAt: Date | null };
  api: RouterApi;
  plan: RouterSetupPlan;
  /** Configuration that makes setup impossible (see setup-environment.ts). */
  problems: string[];
};

export const routerNotFound = () => new AppError("NOT_FOUND", { userMessage: "Router not found." });

export const noApiAccess = () => new AppError("BAD_REQUEST", { userMessage: "Save the router's API access first: setup talks to the router over its API." });

export async function prepareRouterSetup(tenantId: string, routerId: string, options: RouterSetupOptions = {}): Promise<PreparedRouterSetup> {
  const { row, tenantSettings, provisioning } = await withTenant(tenantId, async (tx) => ({
    row: await tx.router.findFirst({
      where: { id: routerId, tenantId },
      select: { ...ROUTER_ACCESS_SELECT, name: true, nasIp: true, radiusSecretEnc: true, coaPort: true, mode: true, setupAppliedAt: true },
    }),
    tenantSettings: (await tx.tenant.findUnique({ where: { id: tenantId }, select: { settings: true } }))?.settings,
    provisioning: await tx.routerProvisioning.findUnique({ where: { routerId }, select: { arpInterface: true, allowedAddressList: true } }),
  }));
  if (!row) throw routerNotFound();
  const target = routerTarget(row);
  if (!target) throw noApiAccess();

  const env = routerSetupEnvironment();
  const warnings = [...env.warnings];
  if (row.mode === "API") {
    warnings.push("This router is in API mode: customers it holds itself (PPP secrets, hotspot users) keep logging in locally; RADIUS answers for everyone else.");
  }
  const statics = row.mode === "API" && provisioning?.arpInterface ? { interface: provisioning.arpInterface, allowedList: provisioning.allowedAddressList } : undefined;
  if (statics) {
    warnings.push(`Static customers are on ${statics.interface} (Sync tab): from there, only addresses in ${statics.allowedList} get through; keep hotspot and other clients off that interface.`);
  }
  const radius = radiusSettingsOf(tenantSettings);
  if (radius.suspendMode === "REJECT") {
    warnings.push(`Unpaid customers are rejected at login (RADIUS settings), so the address-list ${radius.captiveAddressList} stays empty; its rules matter once you switch to the captive portal.`);
  }
  const plan = planRouterSetup({
    router: { id: row.id, nasIp: row.nasIp, radiusSecret: open(row.radiusSecretEnc), coaPort: row.coaPort },
    radiusServer: env.radiusServer,
    portalHost: env.portalHost,
    settings: radius,
    options,
    ...(statics ? { staticCustomers: statics } : {}),
    warnings,
  });
  return { router: { id: row.id, name: row.name, setupAppliedAt: row.setupAppliedAt }, api: routerPool().api(target), plan, problems: env.problems };
}

/** Router trouble as an operator reads it; anything else unchanged. */
export function routerTrouble(error: unknown): unknown {
  if (!isRouterOsError(error) && !(error instanceof Error && error.name === "RouterSetupError")) return error;
  const message = (error as Error).message;
  const auth = isRouterOsError(error, "auth");
  return new AppError("BAD_REQUEST", {
    status: 502,
    userMessage: auth ? `The router refused the API login (${message}). Check the API user and password.` : `The router could not be read: ${message}`,
    cause: error,
  });
}
