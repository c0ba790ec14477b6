"use server";

import { updateTenantProfile } from "@/lib/tenants/update-tenant-profile";
import type { TenantProfileInput } from "@/lib/tenants/tenants.schema";
import { operatorAction } from "@/lib/next/operator-action";
import { updateRadiusSettings } from "@/lib/radius/update-radius-settings";

export const updateTenantProfileAction = operatorAction((actor, input) => updateTenantProfile(actor, input as TenantProfileInput), {
  revalidate: ["/admin", "/admin/settings"],
  successMessage: "Settings saved.",
});

export const updateRadiusSettingsAction = operatorAction(
  (actor, input) =>
    updateRadiusSettings(actor, {
      suspendMode: input.suspendMode === "REJECT" ? "REJECT" : "CAPTIVE",
      captiveRate: input.captiveRate,
      captiveAddressList: input.captiveAddressList,
      interimIntervalSeconds: Number(input.interimIntervalSeconds),
    }),
  { revalidate: ["/admin/settings"], successMessage: "RADIUS settings saved; customers were updated." },
);
