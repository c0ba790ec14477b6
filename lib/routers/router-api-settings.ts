// A router's RouterOS API access: saved sealed (AES-256-GCM under the app key), never read back
// to the browser; removed as a whole.
import { isUuid, withTenant } from "@/lib/db";
import type { OperatorActor } from "@/lib/audit/actor";
import { assertCan } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record-audit";
import { seal } from "@/lib/crypto/secret-box";
import { AppError } from "@/lib/errors";
import { routerApiSchema, type RouterApiInput } from "./router-api.schema";
import { routerPool } from "./router-access";
import { requestRouterSync } from "./provisioning/request-router-sync";

/** What the router page may show about the API access (no password, a flag that one is stored). */
export type RouterApiView = {
  apiHost: string | null;
  apiPort: number | null;
  apiTls: boolean;
  apiTlsMode: "VERIFY" | "INSECURE" | "ANONYMOUS";
  hasPinnedCertificate: boolean;
  apiUsername: string | null;
  hasPassword: boolean;
  mode: "RADIUS" | "API";
};

const notFound = () => new AppError("NOT_FOUND", { userMessage: "Router not found." });

export async function saveRouterApi(actor: OperatorActor, id: string, input: RouterApiInput): Promise<RouterApiView> {
  assertCan(actor, "routers:manage");
  const data = routerApiSchema.parse(input);
  if (!isUuid(id)) throw notFound();
  const view = await withTenant(actor.tenantId, async (tx) => {
    const before = await tx.router.findFirst({ where: { id, tenantId: actor.tenantId }, select: { apiHost: true, apiPort: true, apiTls: true, apiTlsMode: true, apiUsername: true, apiPasswordEnc: true, mode: true } });
    if (!before) throw notFound();
    const router = await tx.router.update({
      where: { id },
      data: {
        apiHost: data.apiHost,
        apiPort: data.apiPort,
        apiTls: data.apiTls,
        apiTlsMode: data.apiTlsMode,
        apiTlsCa: data.apiTlsCa,
        apiUsername: data.apiUsername,
        ...(data.apiPassword ? { apiPasswordEnc: seal(data.apiPassword) } : {}),
        mode: data.mode,
        health: "UNKNOWN",
      },
    });
    const { apiPasswordEnc: _b, ...beforeView } = before;
    // Entering or leaving API mode, or new access for an API-mode router: reconcile it.
    if (before.mode !== router.mode || router.mode === "API") await requestRouterSync(tx, actor.tenantId, { routerIds: [id], reason: "router API settings" });
    await recordAudit(tx, {
      actor,
      action: "router.api_update",
      targetType: "Router",
      targetId: id,
      before: beforeView,
      after: { apiHost: router.apiHost, apiPort: router.apiPort, apiTls: router.apiTls, apiTlsMode: router.apiTlsMode, apiUsername: router.apiUsername, mode: router.mode, passwordChanged: Boolean(data.apiPassword) },
    });
    return toView(router);
  });
  await routerPool().close(id); // the next call connects with the new settings
  return view;
}

export async function removeRouterApi(actor: OperatorActor, id: string): Promise<void> {
  assertCan(actor, "routers:manage");
  if (!isUuid(id)) throw notFound();
  await withTenant(actor.tenantId, async (tx) => {
    const before = await tx.router.findFirst({ where: { id, tenantId: actor.tenantId }, select: { apiHost: true, apiUsername: true, mode: true } });
    if (!before) throw notFound();
    await tx.router.update({
      where: { id },
      data: { apiHost: null, apiPort: null, apiTls: false, apiTlsMode: "VERIFY", apiTlsCa: null, apiUsername: null, apiPasswordEnc: null, mode: "RADIUS", health: "UNKNOWN", healthError: null },
    });
    await recordAudit(tx, { actor, action: "router.api_remove", targetType: "Router", targetId: id, before });
    if (before.mode === "API") await requestRouterSync(tx, actor.tenantId, { routerIds: [id], reason: "router API removed" });
  });
  await routerPool().close(id);
}

export function toView(r: { apiHost: string | null; apiPort: number | null; apiTls: boolean; apiTlsMode: RouterApiView["apiTlsMode"]; apiTlsCa: string | null; apiUsername: string | null; apiPasswordEnc: string | null; mode: RouterApiView["mode"] }): RouterApiView {
  return {
    apiHost: r.apiHost,
    apiPort: r.apiPort,
    apiTls: r.apiTls,
    apiTlsMode: r.apiTlsMode,
    hasPinnedCertificate: Boolean(r.apiTlsCa),
    apiUsername: r.apiUsername,
    hasPassword: Boolean(r.apiPasswordEnc),
    mode: r.mode,
  };
}
