"use server";

import { signUpTenant } from "@/lib/tenants/sign-up-tenant";
import { toAppError } from "@/lib/errors";
import type { ActionState } from "@/lib/next/action-state";
import { formValues } from "@/lib/next/operator-action";
import { requestIp } from "@/lib/next/request-ip";

/** Public door: anyone may create an ISP. The client signs the new owner in on success. */
export async function signUpAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const values = formValues(formData);
  try {
    await signUpTenant(values as Parameters<typeof signUpTenant>[0], await requestIp());
    return { ok: true, message: "Your ISP is ready." };
  } catch (error) {
    const e = toAppError(error);
    const { password: _password, ...echo } = values;
    return { ok: false, message: e.userMessage, fieldErrors: e.fieldErrors, values: echo };
  }
}
