"use server";

import { createCustomer } from "@/lib/customers/create-customer";
import { updateCustomer } from "@/lib/customers/update-customer";
import type { CreateCustomerInput, UpdateCustomerInput } from "@/lib/customers/customers.schema";
import { getOperatorActor, panelFor } from "@/lib/next/actor";
import { disconnectCustomer } from "@/lib/customers/disconnect-customer";
import { revealNetworkPassword } from "@/lib/customers/reveal-network-password";
import { importCustomers } from "@/lib/customers/import-customers";
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

/** Dry run or commit of a CSV import; the report comes back JSON-encoded in `values.report`. */
export async function importCustomersAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const actor = await getOperatorActor();
  if (!actor) return { ok: false, message: "Your session has ended. Please sign in again." };
  const file = formData.get("file");
  const commit = formData.get("intent") === "commit";
  if (!(file instanceof File) || file.size === 0) return { ok: false, message: "Choose a CSV file.", fieldErrors: { file: ["Choose a CSV file."] }, at: Date.now() };
  if (file.size > 10_000_000) return { ok: false, message: "The file is larger than 10 MB.", fieldErrors: { file: ["At most 10 MB."] }, at: Date.now() };
  try {
    const report = await importCustomers(actor, await file.text(), { commit });
    const message = commit
      ? `Imported ${report.created} of ${report.rows} rows${report.problems.length ? `; ${report.rows - report.created} skipped (below)` : ""}.`
      : `${report.valid} of ${report.rows} rows are ready to import${report.problems.length ? `; the others have problems (below)` : ""}.`;
    return { ok: true, message, values: { report: JSON.stringify(report), intent: commit ? "commit" : "check" }, at: Date.now() };
  } catch (error) {
    const e = toAppError(error);
    return { ok: false, message: e.userMessage, fieldErrors: e.fieldErrors, at: Date.now() };
  }
}
