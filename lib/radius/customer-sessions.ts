import { withTenant } from "@/lib/db";
import { open } from "@/lib/crypto/secret-box";

export type OpenSession = {
  acctUniqueId: string;
  acctSessionId: string;
  username: string;
  framedIp: string | null;
  nasIp: string;
  router: { id: string; name: string; coaPort: number; secret: string } | null;
};

/** The customer's sessions that accounting says are open, with the router that holds each. */
export async function findOpenSessions(tenantId: string, customerId: string): Promise<OpenSession[]> {
  return withTenant(tenantId, async (tx) => {
    const c = await tx.customer.findFirst({ where: { id: customerId, tenantId }, select: { username: true, macAddress: true } });
    if (!c) return [];
    const usernames = [c.username, ...(c.macAddress ? [c.macAddress] : [])];
    const rows = await tx.radAcct.findMany({ where: { tenantId, username: { in: usernames }, acctstoptime: null } });
    const routers = await tx.router.findMany({ where: { tenantId, nasIp: { in: [...new Set(rows.map((r) => r.nasipaddress))] } } });
    return rows.map((r) => {
      const router = routers.find((x) => x.nasIp === r.nasipaddress);
      return {
        acctUniqueId: r.acctuniqueid,
        acctSessionId: r.acctsessionid,
        username: r.username ?? c.username,
        framedIp: r.framedipaddress,
        nasIp: r.nasipaddress,
        router: router ? { id: router.id, name: router.name, coaPort: router.coaPort, secret: open(router.radiusSecretEnc) } : null,
      };
    });
  });
}

/** Accounting will never hear of this session again (the router no longer has it): close it. */
export async function closeSession(tenantId: string, acctUniqueId: string, cause: string): Promise<void> {
  await withTenant(tenantId, (tx) =>
    tx.radAcct.updateMany({ where: { tenantId, acctuniqueid: acctUniqueId, acctstoptime: null }, data: { acctstoptime: new Date(), acctterminatecause: cause } }),
  );
}
