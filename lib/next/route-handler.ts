// The wrapper for JSON route handlers: resolves the operator on the server, checks a permission,
// and maps errors to status codes (422 with field paths for bad input). Never a stack trace.
import { NextResponse } from "next/server";
import type { OperatorActor } from "@/lib/audit/actor";
import { can, type Permission } from "@/lib/auth/permissions";
import { AppError, toAppError } from "@/lib/errors";
import { getOperatorActor } from "./actor";

type Handler<C> = (ctx: { req: Request; actor: OperatorActor; params: C }) => Promise<unknown>;

export function errorResponse(error: unknown): NextResponse {
  const e = toAppError(error);
  return NextResponse.json(
    { error: { code: e.code, message: e.userMessage, ...(e.fieldErrors ? { fields: e.fieldErrors } : {}) } },
    { status: e.status },
  );
}

export function withOperator<C = Record<string, string>>(permission: Permission, handler: Handler<C>) {
  return async (req: Request, context: { params: Promise<C> }) => {
    try {
      const actor = await getOperatorActor();
      if (!actor) throw new AppError("UNAUTHORIZED");
      if (!can(actor, permission)) throw new AppError("FORBIDDEN");
      const result = await handler({ req, actor, params: await context.params });
      return result instanceof Response ? result : NextResponse.json(result);
    } catch (error) {
      return errorResponse(error);
    }
  };
}

/** Reads a JSON body; a malformed one is a 400, not a crash. */
export async function readJson(req: Request): Promise<unknown> {
  try {
    return await req.json();
  } catch {
    throw new AppError("BAD_REQUEST", { userMessage: "The request body must be valid JSON." });
  }
}
