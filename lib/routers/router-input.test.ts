// Odd router-form input is a field error, never a 500: a zone id PostgreSQL's inet refuses, a NUL
// PostgreSQL's text refuses, megabytes of text, a port that is no port.
import { describe, expect, it } from "vitest";
import { toAppError } from "@/lib/errors";
import { makeRouter, makeTenant, uniqueLoopback } from "@/lib/testing/factories";
import { createRouter, updateRouter } from "./save-router";
import { getRouterOrThrow } from "./get-router";
import type { RouterInput } from "./routers.schema";

async function fieldErrorsOf(input: Partial<RouterInput>): Promise<Record<string, string[]>> {
  const t = await makeTenant();
  const error = await createRouter(t.owner, { name: "Edge", nasIp: uniqueLoopback(), ...input } as RouterInput).then(
    () => null,
    (e: unknown) => toAppError(e),
  );
  expect(error?.code).toBe("VALIDATION");
  return error!.fieldErrors ?? {};
}

describe("router form input", () => {
  it.each([
    ["a zone id", { nasIp: "fe80::1%eth0" }, "nasIp"],
    ["an encoded zone id", { nasIp: "fe80::1%25eth0" }, "nasIp"],
    ["a NUL in the address", { nasIp: "10.0.0.1\0" }, "nasIp"],
    ["a megabyte address", { nasIp: "1".repeat(1_000_000) }, "nasIp"],
    ["a NUL in the name", { name: "Edge\0router" }, "name"],
    ["a megabyte name", { name: "x".repeat(1_000_000) }, "name"],
    ["a NUL in the site", { site: "Head\0office" }, "site"],
    ["a 100 kB site", { site: "y".repeat(100_000) }, "site"],
    ["a port with letters", { coaPort: "3799abc" }, "coaPort"],
    ["port 0", { coaPort: "0" }, "coaPort"],
    ["port 65536", { coaPort: "65536" }, "coaPort"],
    ["an infinite port", { coaPort: "1e999" }, "coaPort"],
    ["a checkbox that is neither on nor off", { requireMessageAuthenticator: "maybe" as never }, "requireMessageAuthenticator"],
  ] as [string, Partial<RouterInput>, string][])("%s: a field error, not a 500", async (_label, input, field) => {
    expect(Object.keys(await fieldErrorsOf(input))).toEqual([field]);
  });

  it("an address CoA and Disconnect must not be aimed at (loopback, metadata) is refused unless the deployment allows local routers", async () => {
    const allowed = process.env.ROUTER_API_ALLOW_LOCAL;
    delete process.env.ROUTER_API_ALLOW_LOCAL;
    try {
      for (const nasIp of ["127.0.0.1", "::1", "169.254.169.254", "::ffff:127.0.0.1"]) expect(Object.keys(await fieldErrorsOf({ nasIp }))).toEqual(["nasIp"]);
      expect((await fieldErrorsOf({ nasIp: "127.0.0.9" })).nasIp?.[0]).toMatch(/loopback/);
    } finally {
      process.env.ROUTER_API_ALLOW_LOCAL = allowed;
    }
    // The demo's routers are on this machine; metadata stays refused even then.
    expect(Object.keys(await fieldErrorsOf({ nasIp: "169.254.169.254" }))).toEqual(["nasIp"]);
    const t = await makeTenant();
    await expect(createRouter(t.owner, { name: "Local", nasIp: uniqueLoopback() } as RouterInput)).resolves.toBeDefined();
  });

  it("the CoA port and the Message-Authenticator requirement are set from the form, and kept when absent", async () => {
    const t = await makeTenant();
    const { router } = await createRouter(t.owner, { name: "Edge", nasIp: uniqueLoopback(), coaPort: "1700", requireMessageAuthenticator: "off" });
    expect(await getRouterOrThrow(t.owner, router.id)).toMatchObject({ coaPort: 1700, requireMessageAuthenticator: false });
    await updateRouter(t.owner, router.id, { name: "Edge 2", nasIp: router.nasIp });
    expect(await getRouterOrThrow(t.owner, router.id)).toMatchObject({ name: "Edge 2", coaPort: 1700, requireMessageAuthenticator: false });
    await updateRouter(t.owner, router.id, { name: "Edge 2", nasIp: router.nasIp, coaPort: "3799", requireMessageAuthenticator: "on" });
    expect(await getRouterOrThrow(t.owner, router.id)).toMatchObject({ coaPort: 3799, requireMessageAuthenticator: true });
    // A router added without saying requires it.
    const plain = await makeRouter(t.owner);
    expect(await getRouterOrThrow(t.owner, plain.id)).toMatchObject({ coaPort: 3799, requireMessageAuthenticator: true });
  });
});
