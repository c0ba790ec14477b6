"use server";

import { archivePackage, savePackage } from "@/lib/packages/save-package";
import type { PackageInput } from "@/lib/packages/packages.schema";
import type { ActionState } from "@/lib/next/action-state";
import { operatorAction } from "@/lib/next/operator-action";

const CONNECTION_TYPES = "connectionTypes";

/**
 * Creates a package (then opens it) or saves one (id given). Connection types are checkboxes
 * sharing one name, so they are read with getAll and echoed comma-separated on failure.
 */
export async function savePackageAction(prev: ActionState, formData: FormData): Promise<ActionState> {
  const connectionTypes = formData.getAll(CONNECTION_TYPES).filter((v): v is string => typeof v === "string");
  const creating = !formData.get("id");
  const state = await operatorAction((actor, input) => savePackage(actor, { ...(input as PackageInput & { id?: string }), connectionTypes: connectionTypes as PackageInput["connectionTypes"] }), {
    revalidate: ["/admin/packages"],
    ...(creating ? { redirectTo: (pkg: { id: string }) => `/admin/packages/${pkg.id}?created=1` } : {}),
    successMessage: "Package saved.",
  })(prev, formData);
  return state.values ? { ...state, values: { ...state.values, [CONNECTION_TYPES]: connectionTypes.join(",") } } : state;
}

export const archivePackageAction = operatorAction((actor, input) => archivePackage(actor, input.id ?? ""), {
  revalidate: ["/admin/packages"],
  successMessage: "Package archived. It is no longer sold; its customers lose service at their next connection until moved to another package.",
});
