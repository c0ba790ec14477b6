import { withSystem, withTenant } from "@/lib/db";

export function getTenant(tenantId: string) {
  return withTenant(tenantId, (tx) => tx.tenant.findUnique({ where: { id: tenantId } }));
}

/** Resolves a tenant from its public slug (portal URLs). System scope: the slug is the input. */
export function getTenantBySlug(slug: string) {
  if (slug.includes("\u0000")) return Promise.resolve(null); // not storable text: no such ISP (not a 500)
  return withSystem("resolve tenant by slug", (tx) =>
    tx.tenant.findUnique({ where: { slug }, select: { id: true, slug: true, name: true, status: true, timezone: true, currency: true } }),
  );
}
