// A NUL character reached PostgreSQL as a 500 ("invalid byte sequence ... 0x00"). One test per
// kind of door: route handlers (query, path, JSON body), server actions (form data), list pages.
import { describe, expect, it } from "vitest";
import { GET as listCustomersRoute } from "@/app/api/customers/route";
import { GET as customerRoute } from "@/app/api/customers/[id]/route";
import { createCustomerAction } from "@/app/_actions/customers";
import { signUpAction } from "@/app/signup/actions";
import { CUSTOMER_LIST_SPEC } from "@/lib/customers/list-customers";
import { parseListQuery } from "@/lib/lists/list-query";
import { initialActionState } from "./action-state";
import { readJson } from "./route-handler";
import { NUL_MESSAGE, nulPaths } from "./refuse-nul";

const form = (fields: [string, string][]) => {
  const f = new FormData();
  for (const [k, v] of fields) f.append(k, v);
  return f;
};

describe("NUL is refused at every door with 422", () => {
  it("route handlers: in the query string and in a path parameter, with no-store", async () => {
    const res = await listCustomersRoute(new Request("http://app.test/api/customers?q=ab%00cd"), { params: Promise.resolve({}) });
    expect(res.status).toBe(422);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(await res.json()).toMatchObject({ error: { code: "VALIDATION", fields: { q: [NUL_MESSAGE] } } });
    const byId = await customerRoute(new Request("http://app.test/api/customers/x"), { params: Promise.resolve({ id: "a\u0000" }) });
    expect(byId.status).toBe(422);
  });

  it("route handlers: anywhere in a JSON body, keys included", async () => {
    const body = (json: string) => new Request("http://app.test/api/customers", { method: "POST", body: json });
    const error = await readJson(body('{"name":"ok","notes":{"list":["x","a\\u0000b"]}}')).catch((e) => e);
    expect(error).toMatchObject({ status: 422, fieldErrors: { "notes.list.1": [NUL_MESSAGE] } });
    await expect(readJson(body('{"a\\u0000":1}'))).rejects.toMatchObject({ status: 422 });
    expect(await readJson(body('{"name":"fine"}'))).toEqual({ name: "fine" });
    expect(nulPaths(JSON.parse("[".repeat(5000) + '"\\u0000"' + "]".repeat(5000)))).toHaveLength(1);
  });

  it("server actions: any form field, repeated ones too, before the session is even read", async () => {
    const state = await createCustomerAction(initialActionState, form([["name", "Jo\u0000hn"], ["username", "john"]]));
    expect(state).toMatchObject({ ok: false, message: NUL_MESSAGE, fieldErrors: { name: [NUL_MESSAGE] }, values: { name: "John", username: "john" } });
    const repeated = await createCustomerAction(initialActionState, form([["tag", "a\u0000"], ["tag", "b"]]));
    expect(repeated.fieldErrors).toEqual({ tag: [NUL_MESSAGE] });
    const signup = await signUpAction(initialActionState, form([["email", "x@y.test\u0000"], ["password", "secret\u0000"]]));
    expect(signup).toMatchObject({ ok: false, fieldErrors: { email: [NUL_MESSAGE], password: [NUL_MESSAGE] } });
    expect(signup.values).not.toHaveProperty("password");
  });

  it("list pages: a search holding NUL is no search (the parser never throws)", () => {
    expect(parseListQuery({ q: "ab\u0000cd" }, CUSTOMER_LIST_SPEC).q).toBe("");
    expect(parseListQuery({ q: "abcd" }, CUSTOMER_LIST_SPEC).q).toBe("abcd");
  });
});
