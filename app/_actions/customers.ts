"use server";

import { redirect } from "next/navigation";
import { createCustomer } from "@/lib/customers/create-customer";
import { updateCustomer } from "@/lib/customers/update-customer";
import type { CreateCustomerInput, UpdateCustomerInput } from "@/lib/customers/customers.schema";
import { getOperatorActor, panelFor } from "@/lib/next/actor";
import { disconnectCustomer } from "@/lib/customers/disconnect-customer";
import { revealNetworkPassword } from "@/lib/customers/reveal-network-password";
import { checkCustomerImport, getCustomerImport, MAX_IMPORT_BYTES, startCustomerImport, type ImportSummary } from "@/lib/customers/import-customers";
import { toAppError } from "@/lib/errors";
import type { ActionState } from "@/lib/next/action-state";
import { operatorAction } from "@/lib/next/operator-action";

export const createCustomerAction = operatorAction((actor, input) => createCustomer(actor, input as CreateCustomerInput), {
  redirectTo: (c, actor) => `${panelFor(actor)}/customers/${c.id}?created=1`,
});

export const updateCustomerAction = operatorAction((actor, input) => updateCustomer(actor, input as UpdateCustomerInput), {
  revalidate: ["/admin/customers", "/reseller/customers"],
  successMessage: "Customer saved.",
});

export const disconnectCustomerAction = operatorAction((actor, input) => disconnectCustomer(actor, input.id ?? ""), {
  successMessage: "Disconnect requested: the customer's live sessions are being cut.",
});

/** Returns the PPPoE/hotspot password in `values.password` (shown on demand, audited). */
export async function revealNetworkPasswordAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const actor = await getOperatorActor();
  if (!actor) return { ok: false, message: "Your session has ended. Please sign in again." };
  try {
    const password = await revealNetworkPassword(actor, String(formData.get("id") ?? ""));
    return { ok: true, values: { password }, at: Date.now() };
  } catch (error) {
    return { ok: false, message: toAppError(error).userMessage, at: Date.now() };
  }
}

/** Upload + check of a CSV import: the file is stored with its report; the page shows it by id. */
export async function uploadCustomerImportAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const actor = await getOperatorActor();
  if (!actor) return { ok: false, message: "Your session has ended. Please sign in again." };
  const file = formData.get("file");
  if (!(file instanceof File) || file.size === 0) return { ok: false, message: "Choose a CSV file.", fieldErrors: { file: ["Choose a CSV file."] }, at: Date.now() };
  if (file.size > MAX_IMPORT_BYTES) return { ok: false, message: "The file is larger than 10 MB.", fieldErrors: { file: ["At most 10 MB."] }, at: Date.now() };
  let id: string;
  try {
    id = (await checkCustomerImport(actor, file.name, new Uint8Array(await file.arrayBuffer()))).id;
  } catch (error) {
    const e = toAppError(error);
    return { ok: false, message: e.userMessage, fieldErrors: e.fieldErrors, at: Date.now() };
  }
  redirect(`${panelFor(actor)}/customers/import?id=${id}`);
}

/** Starts the import job for a checked file (the stored copy: nothing is uploaded again). */
export const startCustomerImportAction = operatorAction((actor, input) => startCustomerImport(actor, input.id ?? ""), {
  successMessage: "Import started.",
});

/** The import's progress for the page's poll; the skipped rows only once it is over. */
export async function customerImportStatusAction(id: string): Promise<ImportSummary | null> {
  const actor = await getOperatorActor();
  if (!actor) return null;
  try {
    const s = await getCustomerImport(actor, id);
    return s.status === "DONE" || s.status === "FAILED" ? s : { ...s, problems: [] };
  } catch {
    return null;
  }
}
