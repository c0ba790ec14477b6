// The address policy at both doors: saving the API access (a field error in words) and connecting
// (a host name that resolves to this machine is refused after resolution, and Test connection
// says so), unless the deployment allows local addresses (the demo and these tests do).
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { fieldErrorsFromZod } from "@/lib/errors";
import { startRouterSim, type RouterSim } from "@/lib/routeros/sim";
import { makeRouter, makeTenant } from "@/lib/testing/factories";
import { routerPool } from "./router-access";
import { routerApiSchema } from "./router-api.schema";
import { saveRouterApi } from "./router-api-settings";
import { testRouterConnection } from "./router-health";

const allowed = process.env.ROUTER_API_ALLOW_LOCAL;
let sim: RouterSim;
beforeAll(async () => {
  sim = await startRouterSim({ users: [{ name: "isp-api", password: "s3cret-0042" }] });
});
afterEach(() => {
  process.env.ROUTER_API_ALLOW_LOCAL = allowed;
});
afterAll(async () => {
  await routerPool().closeAll();
  await sim.close();
});

const access = (apiHost: string) => ({ apiHost, apiPort: "8728", apiUsername: "isp-api", apiPassword: "x" });

function apiHostError(apiHost: string): string | undefined {
  const parsed = routerApiSchema.safeParse(access(apiHost));
  return parsed.success ? undefined : fieldErrorsFromZod(parsed.error).apiHost?.join(" ");
}

describe("router address policy at the doors", () => {
  it("saving refuses loopback, link-local, metadata and legacy spellings with a field error in words", async () => {
    // A router whose NAS address is on this machine, made while the tests allow that (the NAS
    // address follows the same policy).
    const t = await makeTenant();
    const router = await makeRouter(t.owner);
    delete process.env.ROUTER_API_ALLOW_LOCAL;
    expect(apiHostError("127.0.0.1")).toBe("127.0.0.1 is this server's own loopback address, not a router");
    expect(apiHostError("::ffff:127.0.0.1")).toBe("::ffff:127.0.0.1 stands for 127.0.0.1, which is this server's own loopback address, not a router");
    expect(apiHostError("localhost")).toBe("localhost is this server itself, not a router");
    expect(apiHostError("169.254.169.254")).toBe("169.254.169.254 is the cloud metadata service, not a router");
    expect(apiHostError("fe80::1")).toBe("fe80::1 is a link-local address, which this server does not reach routers on");
    expect(apiHostError("2130706433")).toBe("Write an IPv4 address as four numbers from 0 to 255, like 192.0.2.1.");
    expect(apiHostError("0x7f.1")).toBe("Write an IPv4 address as four numbers from 0 to 255, like 192.0.2.1.");
    expect(apiHostError("10.8.0.12")).toBeUndefined(); // a router over the ISP's VPN
    expect(apiHostError("router1.isp.example")).toBeUndefined();

    const error = await saveRouterApi(t.owner, router.id, access("127.0.0.1")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ZodError);
    expect(fieldErrorsFromZod(error as ZodError).apiHost).toEqual(["127.0.0.1 is this server's own loopback address, not a router"]);

    process.env.ROUTER_API_ALLOW_LOCAL = "1";
    expect(apiHostError("127.0.0.1")).toBeUndefined();
    expect(apiHostError("169.254.169.254")).toBe("169.254.169.254 is the cloud metadata service, not a router"); // even then
  });

  it("Test connection refuses a host name that resolves to this machine, in words, and never connects", async () => {
    const t = await makeTenant();
    const router = await makeRouter(t.owner);
    // Saved while allowed (or resolving elsewhere then): the connect-time check is the wall.
    process.env.ROUTER_API_ALLOW_LOCAL = "1";
    await saveRouterApi(t.owner, router.id, { ...access("localhost"), apiPort: String(sim.port), apiPassword: "s3cret-0042" });
    expect(await testRouterConnection(t.owner, router.id)).toMatchObject({ ok: true });
    await routerPool().close(router.id);

    delete process.env.ROUTER_API_ALLOW_LOCAL;
    const before = sim.stats().connections;
    const result = await testRouterConnection(t.owner, router.id);
    expect(result).toMatchObject({ ok: false, errorKind: "refused" });
    if (!result.ok) expect(result.error).toMatch(/^router localhost:\d+ not contacted: localhost resolves to (127\.0\.0\.1|::1), and (127\.0\.0\.1|::1) is this server's own loopback address, not a router$/);
    expect(sim.stats().connections).toBe(before);
  });
});
