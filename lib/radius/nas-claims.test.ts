// NAS claims (docs/radius.md): several ISPs may register one router address. Saving never says
// "in use" across ISPs, FreeRADIUS serves the address with the latest proven claim, else the
// oldest, and a claim is proven only by the router answering a request signed with its secret.
import { afterEach, describe, expect, it } from "vitest";
import { toAppError } from "@/lib/errors";
import { waitFor } from "@/lib/jobs/testing";
import { createRouter, updateRouter } from "@/lib/routers/save-router";
import { getRouterOrThrow } from "@/lib/routers/get-router";
import { verifyRouter } from "@/lib/routers/verify-router";
import { makeCustomer, makeOperator, makePackage, makeRouter, makeTenant, uniq, uniqueLoopback } from "@/lib/testing/factories";
import { freeradiusInstalled } from "./server/run-freeradius";
import { FakeRouterCoa } from "./testing/fake-router-coa";
import { sharedTestFreeradius } from "./testing/freeradius-fixture";
import { papAttributes, sendRadius } from "./testing/radius-client";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((f) => f()));
});

/** An ISP with a customer, whose router claims `nasIp`. */
async function ispClaiming(nasIp: string) {
  const t = await makeTenant();
  const pkg = await makePackage(t.owner);
  const router = await makeRouter(t.owner, { nasIp });
  const c = await makeCustomer(t.owner, { username: uniq("claim"), password: "claim-pw-1", packageId: pkg.id });
  return { t, router, c };
}

/** The router at the address: it knows one secret and answers Disconnect-Requests signed with it. */
async function deviceAt(nasIp: string, secret: string) {
  const device = await new FakeRouterCoa(nasIp, secret).start();
  device.mode = "gone";
  cleanups.push(() => device.stop());
  return device;
}

describe("NAS claims", () => {
  it("another ISP may register the same address: no 'in use', nothing learnt; within one ISP it stays unique", async () => {
    const nasIp = uniqueLoopback();
    const first = await ispClaiming(nasIp);
    const second = await makeTenant();
    const { router } = await createRouter(second.owner, { name: "Mine", nasIp });
    expect(router.nasIp).toBe(nasIp);
    expect((await getRouterOrThrow(second.owner, router.id)).proven).toBe(false);
    const again = await createRouter(first.t.owner, { name: "Twice", nasIp }).catch((e: unknown) => e);
    expect(toAppError(again)).toMatchObject({ code: "CONFLICT", fieldErrors: { nasIp: ["Already in use."] } });
  });

  it("Verify proves a claim only through the router's signed answer; a claim on a new address starts unproven", async () => {
    const nasIp = uniqueLoopback();
    const { t, router } = await ispClaiming(nasIp);
    const device = await deviceAt(nasIp, router.secret);
    await updateRouter(t.owner, router.id, { name: router.name, nasIp, coaPort: device.port });
    expect(await verifyRouter(t.owner, router.id)).toEqual({ proven: true });
    expect(device.requests.map((r) => r.code)).toEqual(["Disconnect-Request"]);
    expect((await getRouterOrThrow(t.owner, router.id)).proven).toBe(true);

    // The same port answering with another secret proves nothing.
    const impostor = await makeTenant();
    const squat = await makeRouter(impostor.owner, { nasIp, coaPort: device.port });
    expect(await verifyRouter(impostor.owner, squat.id)).toEqual({ proven: false });
    expect((await getRouterOrThrow(impostor.owner, squat.id)).proven).toBe(false);

    await updateRouter(t.owner, router.id, { name: router.name, nasIp: uniqueLoopback() });
    expect((await getRouterOrThrow(t.owner, router.id)).proven).toBe(false);
  });

  it("Verify needs routers:manage and the ISP's own router", async () => {
    const { t, router } = await ispClaiming(uniqueLoopback());
    const other = await makeTenant();
    await expect(verifyRouter(other.owner, router.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    const manager = await makeOperator(t.owner, "MANAGER");
    await expect(verifyRouter(manager.actor, router.id)).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe.runIf(freeradiusInstalled() || process.env.CI)("NAS claims in FreeRADIUS", () => {
  const server = sharedTestFreeradius();
  const login = (who: Awaited<ReturnType<typeof ispClaiming>>) =>
    sendRadius("Access-Request", [...papAttributes(who.c.username, "claim-pw-1"), ["NAS-IP-Address", who.router.nasIp]], {
      port: server().authPort,
      secret: who.router.secret,
      from: who.router.nasIp,
      timeoutMs: 300,
      retries: 0,
    });
  const servedTo = (who: Awaited<ReturnType<typeof ispClaiming>>) => waitFor(async () => (await login(who))?.code === "Access-Accept", 10_000, 200);

  it("a squatter who registered first serves the address only until the owner's router proves the owner's claim", async () => {
    const nasIp = uniqueLoopback();
    const squatter = await ispClaiming(nasIp);
    const owner = await ispClaiming(nasIp);
    await servedTo(squatter);
    expect(await login(owner)).toBeNull();

    const device = await deviceAt(nasIp, owner.router.secret);
    await updateRouter(owner.t.owner, owner.router.id, { name: owner.router.name, nasIp, coaPort: device.port });
    await updateRouter(squatter.t.owner, squatter.router.id, { name: squatter.router.name, nasIp, coaPort: device.port });
    expect(await verifyRouter(squatter.t.owner, squatter.router.id)).toEqual({ proven: false });
    expect(await verifyRouter(owner.t.owner, owner.router.id)).toEqual({ proven: true });
    await servedTo(owner);
    expect(await login(squatter)).toBeNull();
  }, 30_000);

  it("a later claim on an address changes nothing for the ISP already using it", async () => {
    const nasIp = uniqueLoopback();
    const owner = await ispClaiming(nasIp);
    await servedTo(owner);
    const squatter = await ispClaiming(nasIp);
    await new Promise((r) => setTimeout(r, 1200)); // FreeRADIUS looks the address up again (clientLifetime 1 s)
    expect((await login(owner))?.code).toBe("Access-Accept");
    expect(await login(squatter)).toBeNull();
  }, 30_000);
});
