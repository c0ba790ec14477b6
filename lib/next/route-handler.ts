// The wrapper for JSON route handlers: resolves the operator on the server, checks a permission,
// refuses text PostgreSQL cannot store (NUL) in the query, path and body, and maps errors to
// status codes (422 with field paths for bad input). Never a stack trace; never cached.
import { NextResponse } from "next/server";
import type { OperatorActor } from "@/lib/audit/actor";
import { can, type Permission } from "@/lib/auth/permissions";
import { AppError, toAppError } from "@/lib/errors";
import { getOperatorActor } from "./actor";
import { refuseNul } from "./refuse-nul";

type Handler<C> = (ctx: { req: Request; actor: OperatorActor; params: C }) => Promise<unknown>;

// Answers carry a signed-in operator's data: no browser or shared cache may keep them.
const NO_STORE = { "Cache-Control": "no-store" };

export function errorResponse(error: unknown): NextResponse {
  const e = toAppError(error);
  return NextResponse.json(
    { error: { code: e.code, message: e.userMessage, ...(e.fieldErrors ? { fields: e.fieldErrors } : {}) } },
    { status: e.status, headers: NO_STORE },
  );
}

/** The query string as field -> text; a repeated field's values are joined, so none escapes a check. */
function queryOf(req: Request): Record<string, string> {
  const query: Record<string, string> = {};
  for (const [k, v] of new URL(req.url).searchParams) query[k] = (query[k] ?? "") + v;
  return query;
}

export function withOperator<C = Record<string, string>>(permission: Permission, handler: Handler<C>) {
  return async (req: Request, context: { params: Promise<C> }) => {
    try {
      // Input first: pure, and a 422 tells nothing about who may see what.
      const params = await context.params;
      refuseNul(queryOf(req));
      refuseNul(params);
      const actor = await getOperatorActor();
      if (!actor) throw new AppError("UNAUTHORIZED");
      if (!can(actor, permission)) throw new AppError("FORBIDDEN");
      const result = await handler({ req, actor, params });
      if (!(result instanceof Response)) return NextResponse.json(result, { headers: NO_STORE });
      if (!result.headers.has("Cache-Control")) result.headers.set("Cache-Control", "no-store");
      return result;
    } catch (error) {
      return errorResponse(error);
    }
  };
}

/** Reads a JSON body; a malformed one is a 400, not a crash, and text with NUL a 422. */
export async function readJson(req: Request): Promise<unknown> {
  let body: unknown;
  try {
    body = await req.json();
  } catch {
    throw new AppError("BAD_REQUEST", { userMessage: "The request body must be valid JSON." });
  }
  refuseNul(body);
  return body;
}
