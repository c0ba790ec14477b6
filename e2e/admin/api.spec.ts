// The JSON door: the same walls as the panels, and bad input answered with a clear 4xx.
import { expect, test } from "@playwright/test";
import { demoIds, makeCustomer, makeTenant, TEST_PASSWORD } from "../factories";
import { signInOperator } from "../helpers";

test.describe("customers API", () => {
  test("signed out: 401 with a message, never data", async ({ request }) => {
    const res = await request.get("/api/customers");
    expect(res.status()).toBe(401);
    expect(await res.json()).toEqual({ error: { code: "UNAUTHORIZED", message: "Please sign in." } });
  });

  test("bad input: 422 with field paths; malformed JSON: 400", async ({ page }) => {
    const t = await makeTenant();
    await signInOperator(page, t.email, TEST_PASSWORD);
    const res = await page.request.post("/api/customers", { data: { username: "x", name: "", email: "nope" } });
    expect(res.status()).toBe(422);
    const body = await res.json();
    expect(body.error.code).toBe("VALIDATION");
    expect(Object.keys(body.error.fields).sort()).toEqual(["email", "name", "password", "username"]);

    const broken = await page.request.post("/api/customers", { headers: { "content-type": "application/json" }, data: Buffer.from("{not json") });
    expect(broken.status()).toBe(400);
    expect((await broken.json()).error.message).toBe("The request body must be valid JSON.");
  });

  test("creates, lists and reads within the tenant; other tenants' ids are 404", async ({ page }) => {
    const t = await makeTenant();
    const other = await makeTenant();
    const foreign = await makeCustomer(other.owner);
    await signInOperator(page, t.email, TEST_PASSWORD);
    const created = await page.request.post("/api/customers", { data: { username: "api.user", password: "api-pass-1", name: "Api User" } });
    expect(created.status()).toBe(201);
    const { id } = await created.json();
    const list = await (await page.request.get("/api/customers?q=api.user")).json();
    expect(list).toMatchObject({ total: 1, rows: [{ id, username: "api.user" }] });
    expect((await page.request.get(`/api/customers/${id}`)).status()).toBe(200);
    expect((await page.request.get(`/api/customers/${foreign.id}`)).status()).toBe(404);
    const dup = await page.request.post("/api/customers", { data: { username: "api.user", password: "api-pass-1", name: "Again" } });
    expect(dup.status()).toBe(409);
    expect((await dup.json()).error.fields).toHaveProperty("username");
  });

  test("a sub-reseller reads only its own customers", async ({ page }) => {
    const ids = await demoIds();
    await signInOperator(page, "subreseller@demo.isp");
    const list = await (await page.request.get("/api/customers?pageSize=100")).json();
    expect(list.total).toBe(15);
    expect((await page.request.get(`/api/customers/${ids.customer("cust0021")}`)).status()).toBe(404);
  });
});
