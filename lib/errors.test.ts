import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AppError, toAppError } from "@/lib/errors";
import { auditSnapshot } from "@/lib/audit/record-audit";

describe("toAppError", () => {
  it("turns zod issues into a 422 with field paths", () => {
    const schema = z.object({ name: z.string().min(2), address: z.object({ city: z.string() }) });
    const parsed = schema.safeParse({ name: "x", address: {} });
    const e = toAppError(parsed.error);
    expect(e.status).toBe(422);
    expect(Object.keys(e.fieldErrors ?? {}).sort()).toEqual(["address.city", "name"]);
  });

  it("keeps AppErrors and hides unknown errors behind a generic 500", () => {
    const known = new AppError("FORBIDDEN");
    expect(toAppError(known)).toBe(known);
    const original = console.error;
    console.error = () => {};
    const e = toAppError(new Error("connection string postgres://secret@host"));
    console.error = original;
    expect(e.status).toBe(500);
    expect(e.userMessage).not.toMatch(/postgres|secret/);
  });
});

describe("auditSnapshot", () => {
  it("drops secrets at any depth and serializes bigints", () => {
    expect(auditSnapshot({ name: "a", passwordHash: "x", nested: { secret: "y", ok: 1n } })).toEqual({ name: "a", nested: { ok: "1" } });
    expect(auditSnapshot(null)).toBeUndefined();
  });
});
