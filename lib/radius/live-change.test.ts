import { describe, expect, it } from "vitest";
import { liveChangeOf } from "./live-change";

const base = { status: "ACTIVE", packageId: "p1", connectionType: "PPPOE", staticIp: null, macAddress: null, macLock: false, dataCapReachedAt: null };
const facts = { passwordChanged: false, lapsedNow: false, samePool: true };

describe("which change a live session feels, and how", () => {
  it("nothing a session feels: no event", () => {
    expect(liveChangeOf(base, { ...base }, facts)).toBeNull();
  });

  it("an active customer's package switch within one pool, or a lifted throttle, is a CoA", () => {
    expect(liveChangeOf(base, { ...base, packageId: "p2" }, facts)).toEqual({ mode: "coa", reason: "packageId" });
    expect(liveChangeOf({ ...base, dataCapReachedAt: new Date() }, base, facts)).toEqual({ mode: "coa", reason: "data cap reset" });
  });

  it("another pool, a new status, addresses, MAC, password or a lapsed expiry need a new login", () => {
    expect(liveChangeOf(base, { ...base, packageId: "p2" }, { ...facts, samePool: false })?.mode).toBe("disconnect");
    expect(liveChangeOf(base, { ...base, packageId: null }, facts)?.mode).toBe("disconnect");
    expect(liveChangeOf(base, { ...base, status: "SUSPENDED" }, facts)).toEqual({ mode: "disconnect", reason: "status" });
    expect(liveChangeOf(base, { ...base, packageId: "p2", staticIp: "10.0.0.9" }, facts)).toEqual({ mode: "disconnect", reason: "packageId,staticIp" });
    expect(liveChangeOf(base, { ...base, macAddress: "AA:BB:CC:DD:EE:FF" }, facts)?.mode).toBe("disconnect");
    expect(liveChangeOf(base, base, { ...facts, passwordChanged: true })).toEqual({ mode: "disconnect", reason: "password" });
    expect(liveChangeOf(base, base, { ...facts, lapsedNow: true })).toEqual({ mode: "disconnect", reason: "expiresAt" });
    expect(liveChangeOf({ ...base, status: "SUSPENDED" }, { ...base, status: "ACTIVE" }, facts)?.mode).toBe("disconnect");
  });
});

describe("a change of service with no field changed (lib/customers/service-state.ts)", () => {
  const on = { service: "on" as const, reason: null };
  it("a lock or a pause needs a new login; so does an unlock (the next login gets the package)", () => {
    expect(liveChangeOf(base, base, { ...facts, service: { before: on, after: { service: "captive", reason: "locked" } } })).toEqual({ mode: "disconnect", reason: "locked" });
    expect(liveChangeOf(base, base, { ...facts, service: { before: { service: "off", reason: "locked" }, after: on } })).toEqual({ mode: "disconnect", reason: "no longer locked" });
  });
  it("a throttle set by the data cap is a CoA; a cut-off is a disconnect; the same service is nothing", () => {
    const capped = { ...base, dataCapReachedAt: new Date() };
    expect(liveChangeOf(base, capped, { ...facts, service: { before: on, after: { service: "fup", reason: "capped" } } })).toEqual({ mode: "coa", reason: "data cap" });
    expect(liveChangeOf(base, capped, { ...facts, service: { before: on, after: { service: "off", reason: "capped" } } })).toEqual({ mode: "disconnect", reason: "data cap" });
    expect(liveChangeOf(base, base, { ...facts, service: { before: on, after: on } })).toBeNull();
  });
});
