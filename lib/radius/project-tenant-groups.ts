import type { Tx } from "@/lib/db";
import { captiveGroup, rejectGroup } from "./groups";
import { radiusSettingsOf } from "./tenant-radius-settings";

/** The ISP's own groups: a reject group and a captive (walled-garden) group, from its settings. */
export async function projectTenantGroups(tx: Tx, tenantId: string): Promise<void> {
  const tenant = await tx.tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { settings: true } });
  const s = radiusSettingsOf(tenant.settings);
  const groups = [rejectGroup(tenantId), captiveGroup(tenantId)];
  await tx.radGroupCheck.deleteMany({ where: { tenantId, groupname: { in: groups } } });
  await tx.radGroupReply.deleteMany({ where: { tenantId, groupname: { in: groups } } });
  await tx.radGroupCheck.create({ data: { tenantId, groupname: rejectGroup(tenantId), attribute: "Auth-Type", op: ":=", value: "Reject" } });
  await tx.radGroupReply.createMany({
    data: [
      { tenantId, groupname: captiveGroup(tenantId), attribute: "Mikrotik-Address-List", op: ":=", value: s.captiveAddressList },
      { tenantId, groupname: captiveGroup(tenantId), attribute: "Mikrotik-Rate-Limit", op: ":=", value: s.captiveRate },
      { tenantId, groupname: captiveGroup(tenantId), attribute: "Acct-Interim-Interval", op: ":=", value: String(s.interimIntervalSeconds) },
    ],
  });
}
