import type { Tx } from "@/lib/db";
import type { Package } from "@/lib/db/generated/client";
import { fupGroup, packageGroup } from "./groups";
import { mikrotikRateLimit } from "./rate-limit";
import { radiusSettingsOf } from "./tenant-radius-settings";

/** Rewrites a package's groups: its normal speed, and the fair-use speed after its data cap. */
export async function projectPackage(tx: Tx, pkg: Package): Promise<void> {
  const { tenantId } = pkg;
  const groups = [packageGroup(pkg.id), fupGroup(pkg.id)];
  await tx.radGroupCheck.deleteMany({ where: { tenantId, groupname: { in: groups } } });
  await tx.radGroupReply.deleteMany({ where: { tenantId, groupname: { in: groups } } });
  if (pkg.status !== "ACTIVE") return;
  const tenant = await tx.tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { settings: true } });
  const interim = String(radiusSettingsOf(tenant.settings).interimIntervalSeconds);
  const common = (groupname: string) => [
    { tenantId, groupname, attribute: "Acct-Interim-Interval", op: ":=", value: interim },
    ...(pkg.ipPool ? [{ tenantId, groupname, attribute: "Framed-Pool", op: ":=", value: pkg.ipPool }] : []),
  ];
  await tx.radGroupReply.createMany({
    data: [{ tenantId, groupname: packageGroup(pkg.id), attribute: "Mikrotik-Rate-Limit", op: ":=", value: mikrotikRateLimit(pkg) }, ...common(packageGroup(pkg.id))],
  });
  if (pkg.dataCapAction === "THROTTLE" && pkg.fupDownBps && pkg.fupUpBps) {
    await tx.radGroupReply.createMany({
      data: [
        { tenantId, groupname: fupGroup(pkg.id), attribute: "Mikrotik-Rate-Limit", op: ":=", value: mikrotikRateLimit({ rateDownBps: pkg.fupDownBps, rateUpBps: pkg.fupUpBps }) },
        ...common(fupGroup(pkg.id)),
      ],
    });
  }
  await tx.radGroupCheck.createMany({
    data: groups.map((groupname) => ({ tenantId, groupname, attribute: "Simultaneous-Use", op: ":=", value: String(pkg.sharedUsers) })),
  });
}
