// A router's API-mode settings: the address-list that grants internet, the ARP interface, the
// DHCP server and the hotspot server its customers' items use. A change reconciles the router.
import { isUuid, withTenant } from "@/lib/db";
import type { OperatorActor } from "@/lib/audit/actor";
import { assertCan } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";
import { DEFAULT_PROVISIONING_SETTINGS, type ProvisioningSettings } from "./desired-state";
import { provisioningSettingsSchema, type ProvisioningSettingsInput } from "./provisioning.schema";
import { requestRouterSync } from "./request-router-sync";

const notFound = () => new AppError("NOT_FOUND", { userMessage: "Router not found." });

export async function getProvisioningSettings(actor: OperatorActor, routerId: string): Promise<ProvisioningSettings> {
  assertCan(actor, "routers:view");
  if (!isUuid(routerId)) throw notFound();
  return withTenant(actor.tenantId, async (tx) => {
    const router = await tx.router.findFirst({ where: { id: routerId, tenantId: actor.tenantId }, select: { provisioning: true } });
    if (!router) throw notFound();
    const p = router.provisioning;
    return p ? { allowedAddressList: p.allowedAddressList, arpInterface: p.arpInterface, dhcpServer: p.dhcpServer, hotspotServer: p.hotspotServer } : DEFAULT_PROVISIONING_SETTINGS;
  });
}

export async function saveProvisioningSettings(actor: OperatorActor, routerId: string, input: ProvisioningSettingsInput): Promise<ProvisioningSettings> {
  assertCan(actor, "routers:manage");
  const data = provisioningSettingsSchema.parse(input);
  if (!isUuid(routerId)) throw notFound();
  return withTenant(actor.tenantId, async (tx) => {
    const router = await tx.router.findFirst({ where: { id: routerId, tenantId: actor.tenantId }, select: { id: true, provisioning: true } });
    if (!router) throw notFound();
    await tx.routerProvisioning.upsert({ where: { routerId }, create: { routerId, tenantId: actor.tenantId, ...data }, update: data });
    const before = router.provisioning
      ? { allowedAddressList: router.provisioning.allowedAddressList, arpInterface: router.provisioning.arpInterface, dhcpServer: router.provisioning.dhcpServer, hotspotServer: router.provisioning.hotspotServer }
      : DEFAULT_PROVISIONING_SETTINGS;
    await recordAudit(tx, { actor, action: "router.provisioning_update", targetType: "Router", targetId: routerId, before, after: data });
    await requestRouterSync(tx, actor.tenantId, { routerIds: [routerId], reason: "provisioning settings" });
    return data;
  });
}
