"use server";

import { toAppError } from "@/lib/errors";
import type { ActionState } from "@/lib/next/action-state";
import { echo, formValues, refuseFormInput } from "@/lib/next/operator-action";
import { requestIp } from "@/lib/next/request-ip";
import { requestSignUp, SIGN_UP_NEXT_STEP } from "@/lib/tenants/request-sign-up";

/**
 * Public door: anyone may create an ISP. A new and an already-registered email get the same
 * answer (lib/tenants/request-sign-up.ts); the new owner then signs in at /login.
 */
export async function signUpAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const refused = refuseFormInput(formData);
  if (refused) return refused;
  const values = formValues(formData);
  try {
    await requestSignUp(values as Parameters<typeof requestSignUp>[0], await requestIp());
    return { ok: true, message: SIGN_UP_NEXT_STEP, values: { email: values.email ?? "" } };
  } catch (error) {
    const e = toAppError(error);
    return { ok: false, message: e.userMessage, fieldErrors: e.fieldErrors, values: echo(values) };
  }
}
