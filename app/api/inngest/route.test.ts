import { afterEach, describe, expect, it } from "vitest";
import { GET, POST, PUT } from "./route";

const saved = { ...process.env };
afterEach(() => {
  for (const k of ["JOBS_DRIVER", "INNGEST_EVENT_KEY", "INNGEST_SIGNING_KEY", "INNGEST_DEV"]) {
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
});

describe("/api/inngest without Inngest configured", () => {
  it("answers every method with a JSON 404 that says why, not a 500", async () => {
    for (const k of ["JOBS_DRIVER", "INNGEST_EVENT_KEY", "INNGEST_SIGNING_KEY", "INNGEST_DEV"]) delete process.env[k];
    for (const [handler, method] of [[GET, "GET"], [POST, "POST"], [PUT, "PUT"]] as const) {
      const res = await handler(new Request("http://app.test/api/inngest?fnId=x", { method, ...(method === "GET" ? {} : { body: "{}" }) }) as never, undefined);
      expect(res.status).toBe(404);
      expect(res.headers.get("cache-control")).toBe("no-store");
      expect((await res.json()).error.message).toMatch(/Inngest is not configured/);
    }
  });
});
