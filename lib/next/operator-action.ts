// The action client for operator forms: resolves the actor on the server, passes the submitted
// fields to one lib function, and turns any failure into field errors or a clear message.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { OperatorActor } from "@/lib/audit/actor";
import { toAppError } from "@/lib/errors";
import type { ActionState } from "./action-state";
import { getOperatorActor } from "./actor";

type Options<R> = {
  /** Paths whose cached render must be refreshed after success. */
  revalidate?: string[];
  /** Where to go after success (computed from the result). */
  redirectTo?: (result: R, actor: OperatorActor) => string;
  successMessage?: string;
};

export function formValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData.entries()) {
    if (typeof value === "string" && !key.startsWith("$ACTION")) values[key] = value;
  }
  return values;
}

function echo(values: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).filter(([k]) => !/password/i.test(k)));
}

export function operatorAction<R>(
  handler: (actor: OperatorActor, input: Record<string, string>) => Promise<R>,
  options: Options<R> = {},
) {
  return async (_prev: ActionState, formData: FormData): Promise<ActionState> => {
    const values = formValues(formData);
    const actor = await getOperatorActor();
    if (!actor) return { ok: false, message: "Your session has ended. Please sign in again.", values: echo(values), at: Date.now() };
    let result: R;
    try {
      result = await handler(actor, values);
    } catch (error) {
      const e = toAppError(error);
      return { ok: false, message: e.userMessage, fieldErrors: e.fieldErrors, values: echo(values), at: Date.now() };
    }
    for (const path of options.revalidate ?? []) revalidatePath(path);
    if (options.redirectTo) redirect(options.redirectTo(result, actor));
    return { ok: true, message: options.successMessage ?? "Saved.", at: Date.now() };
  };
}
