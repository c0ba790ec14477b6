// One error type for the whole product. Doors translate it (and zod / Prisma errors) into a
// clear message for the user; nothing else leaks.
import { z } from "zod";
import { Prisma } from "@/lib/db/generated/client";

export type ErrorCode =
  | "BAD_REQUEST"
  | "UNAUTHORIZED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "CONFLICT"
  | "VALIDATION"
  | "RATE_LIMITED"
  | "UNAVAILABLE"
  | "INTERNAL";

const STATUS: Record<ErrorCode, number> = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  VALIDATION: 422,
  RATE_LIMITED: 429,
  UNAVAILABLE: 502,
  INTERNAL: 500,
};

export type FieldErrors = Record<string, string[]>;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly userMessage: string;
  readonly fieldErrors?: FieldErrors;

  constructor(code: ErrorCode, options: { userMessage?: string; status?: number; fieldErrors?: FieldErrors; cause?: unknown } = {}) {
    super(options.userMessage ?? code, { cause: options.cause });
    this.name = "AppError";
    this.code = code;
    this.status = options.status ?? STATUS[code];
    this.userMessage = options.userMessage ?? defaultMessage(code);
    this.fieldErrors = options.fieldErrors;
  }
}

function defaultMessage(code: ErrorCode): string {
  switch (code) {
    case "UNAUTHORIZED":
      return "Please sign in.";
    case "FORBIDDEN":
      return "You do not have access to this.";
    case "NOT_FOUND":
      return "Not found.";
    case "CONFLICT":
      return "This conflicts with an existing record.";
    case "VALIDATION":
      return "Please correct the highlighted fields.";
    case "RATE_LIMITED":
      return "Too many attempts. Please wait a few minutes and try again.";
    case "UNAVAILABLE":
      return "A device or service the app depends on did not answer. Try again shortly.";
    case "BAD_REQUEST":
      return "The request could not be understood.";
    default:
      return "Something went wrong on our side. Please try again.";
  }
}

export function fieldErrorsFromZod(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.join(".") : "_form";
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

const camel = (s: string) => s.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/**
 * The form fields behind a unique violation. Under row-level security PostgreSQL withholds the
 * key's values, so the columns are read from the constraint name (<table>_<columns>_key).
 */
function uniqueViolationFields(error: Prisma.PrismaClientKnownRequestError): string[] {
  const target = error.meta?.target;
  if (Array.isArray(target)) return target.map(String).filter((f) => f !== "tenant_id" && f !== "tenantId").map(camel);
  const cause = (error.meta?.driverAdapterError as { cause?: { originalMessage?: string } } | undefined)?.cause;
  const constraint = cause?.originalMessage?.match(/unique constraint "([^"]+)"/)?.[1];
  const model = typeof error.meta?.modelName === "string" ? error.meta.modelName : "";
  if (!constraint) return [];
  const columns = constraint.replace(/_key$/, "").replace(/^[a-z]+s_/, "").replace(/^tenant_id_?/, "");
  return columns && columns !== model.toLowerCase() ? [camel(columns)] : [];
}

/** Maps any thrown value to an AppError; unknown errors become INTERNAL and are logged. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof z.ZodError) {
    return new AppError("VALIDATION", { fieldErrors: fieldErrorsFromZod(error) });
  }
  if (error instanceof Prisma.PrismaClientKnownRequestError) {
    if (error.code === "P2002") {
      const fields = uniqueViolationFields(error);
      const fieldErrors: FieldErrors = {};
      for (const f of fields) fieldErrors[f] = ["Already in use."];
      return new AppError("CONFLICT", { userMessage: "This is already in use.", fieldErrors, cause: error });
    }
    if (error.code === "P2025") return new AppError("NOT_FOUND", { cause: error });
  }
  console.error("[internal error]", error);
  return new AppError("INTERNAL", { cause: error });
}
