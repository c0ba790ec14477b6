import type { OperatorActor } from "@/lib/audit/actor";
import { assertCan } from "@/lib/auth/permissions";
import { toCsv } from "@/lib/csv/csv";
import { withTenant } from "@/lib/db";
import { customerVisibility } from "./customer-visibility";

/** The customers the actor may see, as CSV in the import's columns (no passwords). */
export async function exportCustomersCsv(actor: OperatorActor): Promise<string> {
  assertCan(actor, "customers:view");
  const rows = await withTenant(actor.tenantId, (tx) =>
    tx.customer.findMany({
      where: customerVisibility(actor),
      orderBy: { username: "asc" },
      include: { package: { select: { name: true } }, operator: { select: { email: true } } },
    }),
  );
  const header = ["username", "name", "mobile", "email", "address", "connection_type", "package", "expires_at", "static_ip", "mac", "mac_lock", "status", "notes", "owner_email", "created_at"];
  return toCsv(
    header,
    rows.map((c) => [
      c.username, c.name, c.mobile, c.email, c.address, c.connectionType, c.package?.name, c.expiresAt?.toISOString(), c.staticIp, c.macAddress,
      c.macLock ? "yes" : "", c.status, c.notes, c.operator?.email, c.createdAt.toISOString(),
    ]),
  );
}
