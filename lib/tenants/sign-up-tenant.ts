import { withSystem } from "@/lib/db";
import { hashPassword } from "@/lib/auth/password";
import { recordAudit } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";
import { signUpSchema, type SignUpInput } from "./tenants.schema";
import { projectTenantGroups } from "@/lib/radius/project-tenant-groups";

export type SignUpTenantResult = { tenantId: string; ownerId: string; slug: string };

/** Creates an ISP and its owner. System scope: the tenant does not exist yet. */
export async function signUpTenant(input: SignUpInput, ip?: string | null): Promise<SignUpTenantResult> {
  const data = signUpSchema.parse(input);
  const passwordHash = await hashPassword(data.password);
  return withSystem("tenant signup", async (tx) => {
    const [slugTaken, emailTaken] = await Promise.all([
      tx.tenant.count({ where: { slug: data.slug } }),
      tx.operator.count({ where: { email: data.email } }),
    ]);
    const fieldErrors: Record<string, string[]> = {};
    if (slugTaken) fieldErrors.slug = ["This address is already taken."];
    if (emailTaken) fieldErrors.email = ["An account with this email already exists."];
    if (Object.keys(fieldErrors).length) throw new AppError("CONFLICT", { userMessage: "Please correct the highlighted fields.", fieldErrors });

    const tenant = await tx.tenant.create({
      data: { slug: data.slug, name: data.name, country: data.country, currency: data.currency, timezone: data.timezone, locale: data.locale },
    });
    const owner = await tx.operator.create({
      data: { tenantId: tenant.id, role: "OWNER", path: "/", name: data.ownerName, email: data.email, passwordHash },
    });
    await projectTenantGroups(tx, tenant.id);
    const actor = { kind: "OPERATOR" as const, id: owner.id, tenantId: tenant.id, role: owner.role, name: owner.name, path: "/", ip };
    await recordAudit(tx, { actor, action: "tenant.create", targetType: "Tenant", targetId: tenant.id, after: tenant });
    await recordAudit(tx, { actor, action: "operator.create", targetType: "Operator", targetId: owner.id, after: { ...owner, passwordHash: undefined } });
    return { tenantId: tenant.id, ownerId: owner.id, slug: tenant.slug };
  });
}
