// The demo ISP's routers as RouterOS simulators: for every demo router whose API points at this
// machine, a simulator on that port with the router's own API credentials, traffic on, and some
// of the ISP's active customers online. Started by `npm start` (ROUTEROS_SIM=0 to skip).
import { open } from "@/lib/crypto/secret-box";
import { withSystem } from "@/lib/db";
import type { RouterSim } from "@/lib/routeros/sim";
import { startDemoSims } from "@/lib/routeros/sim/demo";

const LOCAL = new Set(["127.0.0.1", "localhost", "::1"]);

export async function startDemoRouters(log: (m: string) => void): Promise<RouterSim[]> {
  const routers = await withSystem("demo routers: simulators for the demo ISP", async (tx) => {
    const tenant = await tx.tenant.findUnique({ where: { slug: "demo" }, select: { id: true } });
    if (!tenant) return [];
    const rows = await tx.router.findMany({ where: { tenantId: tenant.id, status: "ACTIVE", apiHost: { not: null } }, orderBy: { name: "asc" } });
    const customers = await tx.customer.findMany({ where: { tenantId: tenant.id, status: "ACTIVE" }, orderBy: { username: "asc" }, select: { username: true, connectionType: true, routerId: true } });
    const unassigned = customers.filter((c) => !c.routerId).slice(0, 12);
    return rows
      .filter((r) => r.apiHost && LOCAL.has(r.apiHost) && r.apiPort && r.apiUsername && !r.apiTls)
      .map((r, i) => ({
        identity: r.name,
        port: r.apiPort!,
        username: r.apiUsername!,
        password: r.apiPasswordEnc ? open(r.apiPasswordEnc) : "",
        // Online: the customers assigned to this router, else some of the unassigned ones.
        sessions: (customers.some((c) => c.routerId === r.id) ? customers.filter((c) => c.routerId === r.id) : unassigned.filter((_, k) => k % rows.length === i))
          .map((c, k) => ({
            name: c.username,
            address: `10.10.${i}.${k + 10}`,
            callerId: `02:00:00:${String(i).padStart(2, "0")}:00:${(k + 16).toString(16).padStart(2, "0")}`,
            service: c.connectionType === "HOTSPOT" ? ("hotspot" as const) : ("pppoe" as const),
          })),
      }));
  });
  if (routers.length === 0) return [];
  const sims = await startDemoSims(routers);
  for (const r of routers) log(`${r.identity}: RouterOS simulator on 127.0.0.1:${r.port} with ${r.sessions.length} customers online`);
  return sims;
}
