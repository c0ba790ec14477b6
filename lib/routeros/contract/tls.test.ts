// API-SSL (8729): a pinned CA by default, an explicit opt-out, and anonymous DH for routers
// without a certificate. Needs the simulator's TLS listener.
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RouterOsValueError, createRouterPool, type RouterTarget } from "../index";
import { startRouterSim, type RouterSim } from "../sim";
import { realRouter, watchUncaught } from "./target";

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, "fixtures", name), "utf8");
const ca = fixture("ca.pem");
const otherCa = fixture("other-ca.pem");

describe.skipIf(realRouter)("API-SSL", () => {
  const uncaught = watchUncaught();
  const pool = createRouterPool({ callTimeoutMs: 3_000 });
  let certified: RouterSim;
  let anonymous: RouterSim;
  let ids = 0;
  const target = (sim: RouterSim, tls: RouterTarget["tls"]): RouterTarget => ({ id: `tls${++ids}`, host: sim.host, port: sim.port, username: "admin", password: "", tls });

  beforeAll(async () => {
    certified = await startRouterSim({ tls: { key: fixture("router.key"), cert: fixture("router.pem") } });
    anonymous = await startRouterSim({ tls: "anon" });
  });

  afterAll(async () => {
    uncaught.stop();
    await pool.closeAll();
    await Promise.all([certified.close(), anonymous.close()]);
  });

  it("verifies the router against a pinned CA (its certificate need not name the IP)", async () => {
    expect(await pool.api(target(certified, { ca })).identity.get()).toBe("MikroTik");
  });

  it("refuses a router whose certificate the pin did not sign", async () => {
    const error = await pool
      .api(target(certified, { ca: otherCa }))
      .identity.get()
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: "unreachable" });
    expect((error as Error).message).toMatch(new RegExp(`^router 127\\.0\\.0\\.1:${certified.port}: TLS handshake failed \\((UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT_LOCALLY)`));
  });

  it("without a pin, verifies against the system's CAs (so a self-signed router fails)", async () => {
    const error = await pool
      .api(target(certified, {}))
      .identity.get()
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: "unreachable", message: expect.stringContaining("TLS handshake failed") });
  });

  it("encrypts without verifying only when told to (insecure)", async () => {
    expect(await pool.api(target(certified, { insecure: true })).identity.get()).toBe("MikroTik");
  });

  it("speaks anonymous DH to a router without a certificate", async () => {
    const api = pool.api(target(anonymous, { anonymous: true }));
    expect(await api.identity.get()).toBe("MikroTik");
    expect(await api.hotspotActive.list()).toEqual([]);
  });

  it("anonymous DH is refused unless asked for", async () => {
    const error = await pool
      .api(target(anonymous, { insecure: true }))
      .identity.get()
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: "unreachable", message: expect.stringContaining("TLS handshake failed") });
  });

  it("rejects contradictory TLS settings before connecting", async () => {
    await expect(pool.api(target(certified, { ca, insecure: true })).identity.get()).rejects.toThrow(RouterOsValueError);
    await expect(pool.api(target(certified, { ca: "not a pem" })).identity.get()).rejects.toThrow(RouterOsValueError);
  });

  it("nothing escaped as an uncaught exception", () => {
    expect(uncaught.seen).toEqual([]);
  });
});
