import { withSystem } from "@/lib/db";

/** Every ISP's id, oldest first: for platform jobs that work tenant by tenant (retention). */
export async function allTenantIds(): Promise<string[]> {
  const rows = await withSystem("platform job: every tenant", (tx) => tx.tenant.findMany({ select: { id: true }, orderBy: { createdAt: "asc" } }));
  return rows.map((r) => r.id);
}
