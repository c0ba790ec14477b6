// The public sign-up door's semantics on top of signUpTenant: throttled per IP, and the same
// answer whether the email is new or already an operator's anywhere, so the form cannot be used
// to learn which ISP staff emails exist. A taken email creates nothing; its owner is told instead
// (an audit entry in their ISP and an outbox event the notifications work turns into an email).
import { withSystem } from "@/lib/db";
import { takeSignUpAttempt } from "@/lib/auth/rate-limit";
import { recordAudit } from "@/lib/audit/record-audit";
import { AppError, toAppError } from "@/lib/errors";
import { emitEvent } from "@/lib/jobs/outbox/emit-event";
import { signUpSchema, type SignUpInput } from "./tenants.schema";
import { signUpTenant } from "./sign-up-tenant";

/** Outbox event: someone tried to sign up with an email that already has an operator account. */
export const SIGNUP_EMAIL_TAKEN = "operators/signup.email-taken";

/** The one answer the form shows for a new and a taken email alike. */
export const SIGN_UP_NEXT_STEP =
  "Thanks. If this email is new, your ISP is ready: sign in with it and the password you chose. If it already has an account, sign in with that account's password; its owner has been notified.";

export async function requestSignUp(input: SignUpInput, ip: string | null): Promise<void> {
  const data = signUpSchema.parse(input);
  if (!(await takeSignUpAttempt(ip))) throw new AppError("RATE_LIMITED", { userMessage: "Too many sign-ups from your network. Please try again in an hour." });
  try {
    await signUpTenant(data, ip);
  } catch (error) {
    const e = toAppError(error);
    const { email, ...others } = e.fieldErrors ?? {};
    if (e.code !== "CONFLICT" || !email) throw error;
    // The slug is public (portal addresses), so a taken one is still named; the email never is.
    if (Object.keys(others).length) throw new AppError("CONFLICT", { userMessage: e.userMessage, fieldErrors: others });
    await notifyEmailTaken(data.email, ip);
  }
}

async function notifyEmailTaken(email: string, ip: string | null): Promise<void> {
  await withSystem("signup email taken", async (tx) => {
    const op = await tx.operator.findUnique({ where: { email }, select: { id: true, tenantId: true } });
    if (!op) return; // deleted meanwhile: nobody to tell
    const actor = { kind: "SYSTEM" as const, tenantId: op.tenantId, name: "Sign-up form", ip };
    await recordAudit(tx, { actor, action: "operator.signup_email_taken", targetType: "Operator", targetId: op.id });
    await emitEvent(tx, { name: SIGNUP_EMAIL_TAKEN, tenantId: op.tenantId, data: { operatorId: op.id, ip } });
  });
}
