import { withTenant } from "@/lib/db";
import type { Actor } from "@/lib/audit/actor";
import { getCustomerOrThrow } from "@/lib/customers/get-customer";

export type SessionRow = {
  id: string;
  username: string;
  nasIp: string;
  routerName: string | null;
  framedIp: string | null;
  callingStationId: string | null;
  start: string | null;
  stop: string | null;
  seconds: number;
  bytesIn: string;
  bytesOut: string;
  terminateCause: string | null;
};

/** The customer's open sessions and its latest history, from accounting. */
export async function listCustomerSessions(actor: Actor, customerId: string, limit = 20): Promise<{ open: SessionRow[]; history: SessionRow[] }> {
  const customer = await getCustomerOrThrow(actor, customerId);
  return withTenant(actor.tenantId, async (tx) => {
    const usernames = [customer.username, ...(customer.macAddress ? [customer.macAddress] : [])];
    const rows = await tx.radAcct.findMany({
      where: { tenantId: actor.tenantId, username: { in: usernames } },
      orderBy: { acctstarttime: "desc" },
      take: limit,
    });
    const routers = await tx.router.findMany({ where: { tenantId: actor.tenantId }, select: { nasIp: true, name: true } });
    const toRow = (r: (typeof rows)[number]): SessionRow => ({
      id: String(r.radacctid),
      username: r.username ?? "",
      nasIp: r.nasipaddress,
      routerName: routers.find((x) => x.nasIp === r.nasipaddress)?.name ?? null,
      framedIp: r.framedipaddress,
      callingStationId: r.callingstationid,
      start: r.acctstarttime?.toISOString() ?? null,
      stop: r.acctstoptime?.toISOString() ?? null,
      seconds: Number(r.acctsessiontime ?? 0n),
      bytesIn: String(r.acctinputoctets ?? 0n),
      bytesOut: String(r.acctoutputoctets ?? 0n),
      terminateCause: r.acctterminatecause,
    });
    return { open: rows.filter((r) => !r.acctstoptime).map(toRow), history: rows.filter((r) => r.acctstoptime).map(toRow) };
  });
}
