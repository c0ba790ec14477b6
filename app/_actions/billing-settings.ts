"use server";

// The billing settings page's doors: each resolves the operator, calls one lib/billing/settings
// function and answers the form.
import { getOperatorActor } from "@/lib/next/actor";
import { operatorAction, refuseFormInput } from "@/lib/next/operator-action";
import type { ActionState } from "@/lib/next/action-state";
import { toAppError } from "@/lib/errors";
import { updateBillingSettings } from "@/lib/billing/settings/update-billing-settings";
import { archiveTaxRate, saveTaxRate } from "@/lib/billing/settings/tax-rates";
import { uploadLogo } from "@/lib/billing/settings/upload-logo";
import { previewDocumentNumber, SERIES_BY_FIELD, type NumberPreview } from "@/lib/billing/settings/preview-document-number";
import { MAX_LOGO_BYTES, type BillingSettingsInput, type TaxRateInput } from "@/lib/billing/settings/settings.schema";

const PAGE = "/admin/billing/settings";

export const updateBillingSettingsAction = operatorAction((actor, input) => updateBillingSettings(actor, input as unknown as BillingSettingsInput), {
  revalidate: [PAGE],
  successMessage: "Billing settings saved.",
});

export const saveTaxRateAction = operatorAction((actor, input) => saveTaxRate(actor, input as unknown as TaxRateInput), {
  revalidate: [PAGE],
  successMessage: "Tax rate saved.",
});

export const archiveTaxRateAction = operatorAction((actor, input) => archiveTaxRate(actor, input.id ?? ""), {
  revalidate: [PAGE],
  successMessage: "Tax rate archived.",
});

export async function uploadLogoAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const refused = refuseFormInput(formData);
  if (refused) return refused;
  const actor = await getOperatorActor();
  if (!actor) return { ok: false, message: "Your session has ended. Please sign in again." };
  const remove = formData.get("remove") === "1";
  const file = formData.get("logo");
  if (!remove && (!(file instanceof File) || file.size === 0)) return { ok: false, message: "Choose a PNG or JPEG file.", fieldErrors: { logo: ["Choose a PNG or JPEG file."] }, at: Date.now() };
  // Checked before reading: a 50 MB upload is not read into memory to be refused.
  if (file instanceof File && file.size > MAX_LOGO_BYTES) return { ok: false, message: "The logo must be at most 512 KB.", fieldErrors: { logo: ["At most 512 KB."] }, at: Date.now() };
  try {
    await uploadLogo(actor, remove ? null : new Uint8Array(await (file as File).arrayBuffer()));
  } catch (error) {
    const e = toAppError(error);
    return { ok: false, message: e.userMessage, fieldErrors: e.fieldErrors, at: Date.now() };
  }
  const { revalidatePath } = await import("next/cache");
  revalidatePath(PAGE);
  return { ok: true, message: remove ? "Logo removed." : "Logo saved.", at: Date.now() };
}

/** The live preview beside each number pattern field. */
export async function previewNumberAction(field: string, pattern: string): Promise<NumberPreview> {
  const actor = await getOperatorActor();
  const series = SERIES_BY_FIELD[field];
  if (!actor || !series) return { ok: false, message: "Sign in again to see a preview." };
  try {
    return await previewDocumentNumber(actor, series, String(pattern).slice(0, 200));
  } catch (error) {
    return { ok: false, message: toAppError(error).userMessage };
  }
}
