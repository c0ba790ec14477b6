"use server";

import { updateTenantProfile } from "@/lib/tenants/update-tenant-profile";
import type { TenantProfileInput } from "@/lib/tenants/tenants.schema";
import { operatorAction } from "@/lib/next/operator-action";

export const updateTenantProfileAction = operatorAction((actor, input) => updateTenantProfile(actor, input as TenantProfileInput), {
  revalidate: ["/admin", "/admin/settings"],
  successMessage: "Settings saved.",
});
