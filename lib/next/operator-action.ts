// The action client for operator forms: resolves the actor on the server, passes the submitted
// fields to one lib function, and turns any failure into field errors or a clear message.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { OperatorActor } from "@/lib/audit/actor";
import { toAppError } from "@/lib/errors";
import type { ActionState } from "./action-state";
import { getOperatorActor } from "./actor";
import { NUL_MESSAGE } from "./refuse-nul";

type Options<R> = {
  /** Paths whose cached render must be refreshed after success. */
  revalidate?: string[];
  /** Where to go after success (computed from the result). */
  redirectTo?: (result: R, actor: OperatorActor) => string;
  /** What the form says on success; from the result when it names something made (a link). */
  successMessage?: string | ((result: R) => string);
};

export function formValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData.entries()) {
    if (typeof value === "string" && !key.startsWith("$ACTION")) values[key] = value;
  }
  return values;
}

/** What a form gets back to show again: never a password or a secret, never a NUL. */
export function echo(values: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).filter(([k]) => !/password|secret/i.test(k)).map(([k, v]) => [k, v.replaceAll("\u0000", "")]));
}

/**
 * The door's input check for every form: text PostgreSQL cannot store (NUL) is refused here, in
 * any field (repeated ones too) and with the field named, before any session or database work.
 * Null when the form is fine.
 */
export function refuseFormInput(formData: FormData): ActionState | null {
  const fields = new Set<string>();
  for (const [key, value] of formData.entries()) {
    if (key.includes("\u0000") || (typeof value === "string" && value.includes("\u0000"))) fields.add(key.replaceAll("\u0000", "\\0"));
  }
  if (!fields.size) return null;
  const fieldErrors = Object.fromEntries([...fields].map((f) => [f, [NUL_MESSAGE]]));
  return { ok: false, message: NUL_MESSAGE, fieldErrors, values: echo(formValues(formData)), at: Date.now() };
}

export function operatorAction<R>(handler: (actor: OperatorActor, input: Record<string, string>) => Promise<R>, options: Options<R> = {}) {
  return formAction(getOperatorActor, handler, options);
}

/** The form contract for any signed-in actor (operators here, customers in ./customer-action.ts). */
export function formAction<A, R>(
  getActor: () => Promise<A | null>,
  handler: (actor: A, input: Record<string, string>) => Promise<R>,
  options: { revalidate?: string[]; redirectTo?: (result: R, actor: A) => string; successMessage?: string | ((result: R) => string) } = {},
) {
  return async (_prev: ActionState, formData: FormData): Promise<ActionState> => {
    const refused = refuseFormInput(formData);
    if (refused) return refused;
    const values = formValues(formData);
    const actor = await getActor();
    if (!actor) return { ok: false, message: "Your session has ended. Please sign in again.", values: echo(values), at: Date.now() };
    let result: R;
    try {
      result = await handler(actor, values);
    } catch (error) {
      const e = toAppError(error);
      return { ok: false, message: e.userMessage, fieldErrors: e.fieldErrors, values: echo(values), at: Date.now() };
    }
    // A dynamic route ("/admin/operators/[id]") is revalidated as a page pattern.
    for (const path of options.revalidate ?? []) revalidatePath(path, path.includes("[") ? "page" : undefined);
    if (options.redirectTo) redirect(options.redirectTo(result, actor));
    const message = typeof options.successMessage === "function" ? options.successMessage(result) : options.successMessage;
    return { ok: true, message: message ?? "Saved.", at: Date.now() };
  };
}
