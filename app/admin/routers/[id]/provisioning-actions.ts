"use server";

// Server actions of API-mode provisioning on the router page: "Sync now", drift Restore/Accept
// (one or all), and the router's provisioning settings. Thin: parse, authorize in lib, call one
// lib function, refresh the router's pages.
import { revalidatePath } from "next/cache";
import { isUuid } from "@/lib/db";
import { operatorAction } from "@/lib/next/operator-action";
import { saveProvisioningSettings } from "@/lib/routers/provisioning/provisioning-settings";
import type { ProvisioningSettingsInput } from "@/lib/routers/provisioning/provisioning.schema";
import { resolveAllDrift, resolveDrift, type DriftAction } from "@/lib/routers/provisioning/resolve-drift";
import { requestSyncNow } from "@/lib/routers/provisioning/sync-now";

function refresh(routerId: string | undefined) {
  if (routerId && isUuid(routerId)) revalidatePath(`/admin/routers/${routerId}`, "layout");
}

export const syncNowAction = operatorAction(
  async (actor, input) => {
    await requestSyncNow(actor, input.routerId ?? "");
    refresh(input.routerId);
  },
  { successMessage: "Sync requested: the router is reconciled in the background. Refresh in a moment to see the result." },
);

export const resolveDriftAction = operatorAction(
  async (actor, input) => {
    const result = await resolveDrift(actor, { routerId: input.routerId ?? "", key: input.key ?? "", field: input.field, action: input.action as DriftAction });
    refresh(input.routerId);
    return result;
  },
  { successMessage: "Done. The router is being reconciled." },
);

export const resolveAllDriftAction = operatorAction(
  async (actor, input) => {
    const result = await resolveAllDrift(actor, input.routerId ?? "", input.action as DriftAction);
    refresh(input.routerId);
    return result;
  },
  { successMessage: "Done for every difference. The router is being reconciled." },
);

export const saveProvisioningSettingsAction = operatorAction(
  async (actor, input) => {
    const result = await saveProvisioningSettings(actor, input.routerId ?? "", input as unknown as ProvisioningSettingsInput);
    refresh(input.routerId);
    return result;
  },
  { successMessage: "Provisioning settings saved. The router is being reconciled." },
);
