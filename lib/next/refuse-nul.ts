// PostgreSQL text cannot hold U+0000: one such character in a form field, a search or a JSON body
// reached the database as a 500 ("invalid byte sequence for encoding UTF8: 0x00"). The doors
// (route-handler.ts, operator-action.ts, lib/lists/list-query.ts) refuse it up front instead.
import { AppError } from "@/lib/errors";

export const NUL_MESSAGE = "Text may not contain the NUL character (\\0).";

const MAX_REPORTED = 20;

/** The field paths ("a.b.0") whose string value or key contains U+0000. */
export function nulPaths(value: unknown): string[] {
  const found: string[] = [];
  // Iterative: a deeply nested JSON body must not overflow the stack.
  const stack: [unknown, string][] = [[value, ""]];
  while (stack.length && found.length < MAX_REPORTED) {
    const [v, path] = stack.pop()!;
    if (typeof v === "string") {
      if (v.includes("\u0000")) found.push(path);
    } else if (v && typeof v === "object") {
      for (const [k, child] of Object.entries(v)) {
        const childPath = path ? `${path}.${k}` : k;
        if (k.includes("\u0000")) found.push(childPath.replaceAll("\u0000", "\\0"));
        else stack.push([child, childPath]);
      }
    }
  }
  return found;
}

/** Throws a 422 naming the fields that hold a NUL character. */
export function refuseNul(value: unknown): void {
  const paths = nulPaths(value);
  if (paths.length) {
    throw new AppError("VALIDATION", { userMessage: NUL_MESSAGE, fieldErrors: Object.fromEntries(paths.map((p) => [p || "_form", [NUL_MESSAGE]])) });
  }
}
