"use server";

// A payment link's Pay button (no session: the signed link is the authority, lib/payments/links.ts).
import { redirect } from "next/navigation";
import { toAppError } from "@/lib/errors";
import type { ActionState } from "@/lib/next/action-state";
import { echo, formValues, refuseFormInput } from "@/lib/next/operator-action";
import { linkedAccount } from "@/lib/payments/links";
import { startPayment, type StartPaymentInput } from "@/lib/payments/start";

export async function payLinkAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const refused = refuseFormInput(formData);
  if (refused) return refused;
  const values = formValues(formData);
  const link = await linkedAccount(values.token ?? "");
  if (!link) return { ok: false, message: "This payment link is no longer valid: ask your provider for a new one.", at: Date.now() };
  let target: string;
  try {
    const input = { ...(values as unknown as StartPaymentInput), customerId: link.actor.id, ...(link.amountMinor !== null ? { purpose: "BALANCE" as const, amount: undefined } : {}) };
    const started = await startPayment(link.actor, link.amountMinor !== null ? { ...input, amountMinor: link.amountMinor } : input);
    target = started.redirectUrl ?? `/pay/${values.token}/payments/${started.gatewayPaymentId}`;
  } catch (error) {
    const e = toAppError(error);
    return { ok: false, message: e.userMessage, fieldErrors: e.fieldErrors, values: echo(values), at: Date.now() };
  }
  redirect(target);
}
