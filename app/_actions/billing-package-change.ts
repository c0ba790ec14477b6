"use server";

// The package-change dialog's doors: a preview (what will happen, in money and dates) and the
// change itself, which posts back the net the preview showed and is refused if it moved.
import { previewView, type PackageChangePreviewView } from "@/lib/billing/package-change/preview-view";
import { changePackage, previewPackageChange } from "@/lib/billing/package-change/package-change-services";
import type { ChangePackageInput } from "@/lib/billing/package-change/package-change.schema";
import { toAppError } from "@/lib/errors";
import { getOperatorActor } from "@/lib/next/actor";
import type { ActionState } from "@/lib/next/action-state";
import { echo, formValues, refuseFormInput } from "@/lib/next/operator-action";
import { localDate } from "@/lib/billing/calc/cycle";
import { formatMoney } from "@/lib/money/format-money";
import { revalidatePath } from "next/cache";

export type PackageChangePreviewResult = { ok: true; preview: PackageChangePreviewView } | { ok: false; message: string };

export async function previewPackageChangeAction(customerId: string, packageId: string): Promise<PackageChangePreviewResult> {
  const actor = await getOperatorActor();
  if (!actor) return { ok: false, message: "Your session has ended. Please sign in again." };
  try {
    return { ok: true, preview: previewView(await previewPackageChange(actor, { customerId, packageId })) };
  } catch (error) {
    return { ok: false, message: toAppError(error).userMessage };
  }
}

/** Applies the change the dialog previewed; the message says what happened (invoiced now, or scheduled). */
export async function changePackageAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const refused = refuseFormInput(formData);
  if (refused) return refused;
  const values = formValues(formData);
  const actor = await getOperatorActor();
  if (!actor) return { ok: false, message: "Your session has ended. Please sign in again.", at: Date.now() };
  try {
    const done = await changePackage(actor, values as ChangePackageInput);
    for (const path of ["/admin/customers", "/reseller/customers"]) revalidatePath(path, "layout");
    const message =
      done.mode === "schedule"
        ? `The new package starts on ${localDate(done.option.effectiveAt, done.timeZone)}; nothing is charged now.`
        : done.invoice
          ? `Package changed. Invoice ${done.invoice.number ?? ""} issued for ${formatMoney(done.invoice.totalMinor, done.invoice.currency, done.locale)}.`
          : "Package changed; nothing to pay.";
    return { ok: true, message: done.existed ? "This change was already made." : message, at: Date.now() };
  } catch (error) {
    const e = toAppError(error);
    return { ok: false, message: e.userMessage, fieldErrors: e.fieldErrors, values: echo(values), at: Date.now() };
  }
}
