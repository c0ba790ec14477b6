// The rule table of "is this customer in service", and proof that FreeRADIUS (the group) and an
// API-mode router (the secret's profile and state, a static customer's address-list entry and queue)
// read it the same way for every combination.
import { describe, expect, it } from "vitest";
import { captiveGroup, fupGroup, packageGroup, rejectGroup } from "@/lib/radius/groups";
import { customerGroup } from "@/lib/radius/project-customer";
import { buildDesiredState, CAPTIVE_PROFILE, FUP_SUFFIX, packageProfileName, type CustomerRow, type PackageRow } from "@/lib/routers/provisioning/desired-state";
import { customerService, type ServiceCustomer, type ServicePackage, type SuspendMode } from "./service-state";

const NOW = new Date("2026-12-07T12:00:00Z");
const PAST = new Date(NOW.getTime() - 1);
const FUTURE = new Date(NOW.getTime() + 86_400_000);
const TENANT = "00000000-0000-4000-8000-0000000000aa";
const PKG_ID = "3f2a1b9c-0000-4000-8000-000000000001";

const base: ServiceCustomer = { status: "ACTIVE", expiresAt: null, lockedAt: null, packageId: PKG_ID, dataCapReachedAt: null };
const active: ServicePackage = { status: "ACTIVE", dataCapAction: null };

describe("customerService: the rule table", () => {
  const rows: [string, Partial<ServiceCustomer>, ServicePackage | null, SuspendMode, string, string | null][] = [
    ["active, no expiry", {}, active, "REJECT", "on", null],
    ["active, expiry ahead", { expiresAt: FUTURE }, active, "CAPTIVE", "on", null],
    ["expiry reached (the instant counts)", { expiresAt: NOW }, active, "REJECT", "off", "expired"],
    ["expiry reached, captive tenant", { expiresAt: PAST }, active, "CAPTIVE", "captive", "expired"],
    ["EXPIRED status", { status: "EXPIRED", expiresAt: FUTURE }, active, "CAPTIVE", "captive", "expired"],
    ["disabled is always off", { status: "DISABLED" }, active, "CAPTIVE", "off", "disabled"],
    ["disabled beats a lock", { status: "DISABLED", lockedAt: PAST }, active, "CAPTIVE", "off", "disabled"],
    ["paused", { status: "PAUSED" }, active, "REJECT", "off", "paused"],
    ["paused, captive tenant", { status: "PAUSED" }, active, "CAPTIVE", "captive", "paused"],
    ["suspended by hand", { status: "SUSPENDED" }, active, "REJECT", "off", "suspended"],
    ["suspended beats a lock", { status: "SUSPENDED", lockedAt: PAST }, active, "CAPTIVE", "captive", "suspended"],
    ["locked for non-payment", { lockedAt: PAST }, active, "REJECT", "off", "locked"],
    ["locked, captive tenant", { lockedAt: PAST }, active, "CAPTIVE", "captive", "locked"],
    ["locked beats expired", { lockedAt: PAST, expiresAt: PAST }, active, "CAPTIVE", "captive", "locked"],
    ["locked beats a data cap", { lockedAt: PAST, dataCapReachedAt: PAST }, { status: "ACTIVE", dataCapAction: "THROTTLE" }, "REJECT", "off", "locked"],
    ["no package: nothing to pay for, so never captive", { packageId: null }, null, "CAPTIVE", "off", "no-package"],
    ["archived package", {}, { status: "ARCHIVED", dataCapAction: null }, "CAPTIVE", "captive", "package-archived"],
    ["archived package, reject tenant", {}, { status: "ARCHIVED", dataCapAction: null }, "REJECT", "off", "package-archived"],
    ["package gone", {}, null, "REJECT", "off", "package-archived"],
    ["data cap, THROTTLE", { dataCapReachedAt: PAST }, { status: "ACTIVE", dataCapAction: "THROTTLE" }, "REJECT", "fup", "capped"],
    ["data cap, CUT_OFF", { dataCapReachedAt: PAST }, { status: "ACTIVE", dataCapAction: "CUT_OFF" }, "CAPTIVE", "off", "capped"],
    ["data cap mark without a cap action", { dataCapReachedAt: PAST }, active, "REJECT", "on", null],
    ["expired beats a data cap", { dataCapReachedAt: PAST, expiresAt: PAST }, { status: "ACTIVE", dataCapAction: "THROTTLE" }, "REJECT", "off", "expired"],
  ];
  it.each(rows)("%s", (_name, c, pkg, mode, service, reason) => {
    expect(customerService({ ...base, ...c }, pkg, mode, NOW)).toEqual({ service, reason });
  });
});

describe("RADIUS group and router desired state agree", () => {
  const statuses = ["ACTIVE", "SUSPENDED", "EXPIRED", "DISABLED", "PAUSED"];
  const expiries = [null, PAST, FUTURE];
  const locks = [null, PAST];
  const caps = [null, PAST];
  const packages: { id: string | null; status: string; action: string | null }[] = [
    { id: PKG_ID, status: "ACTIVE", action: null },
    { id: PKG_ID, status: "ACTIVE", action: "THROTTLE" },
    { id: PKG_ID, status: "ACTIVE", action: "CUT_OFF" },
    { id: PKG_ID, status: "ARCHIVED", action: null },
    { id: null, status: "ACTIVE", action: null },
  ];
  const modes: SuspendMode[] = ["REJECT", "CAPTIVE"];
  const pkgRow = (status: string, action: string | null): PackageRow => ({
    id: PKG_ID,
    name: "Home 10M",
    status,
    rateDownBps: 10_000_000n,
    rateUpBps: 2_000_000n,
    burstDownBps: null,
    burstUpBps: null,
    burstThresholdDownBps: null,
    burstThresholdUpBps: null,
    burstTimeSeconds: null,
    sharedUsers: 1,
    ipPool: null,
    dataCapAction: action,
    fupDownBps: action === "THROTTLE" ? 1_000_000n : null,
    fupUpBps: action === "THROTTLE" ? 512_000n : null,
  });

  it("for every combination of status, expiry, lock, data cap, package and suspend mode", () => {
    let checked = 0;
    for (const status of statuses)
      for (const expiresAt of expiries)
        for (const lockedAt of locks)
          for (const dataCapReachedAt of caps)
            for (const p of packages)
              for (const mode of modes) {
                const pkg = pkgRow(p.status, p.action);
                const c = { status, expiresAt, lockedAt, dataCapReachedAt, packageId: p.id };
                const group = customerGroup(c, p.id ? { status: p.status, dataCapAction: p.action } : null, TENANT, mode, NOW);
                const row = (connectionType: string): CustomerRow => ({
                  id: "c0000000-0000-4000-8000-000000000001",
                  username: "0712345678",
                  connectionType,
                  networkPasswordEnc: "sealed",
                  staticIp: connectionType === "STATIC" ? "10.1.2.3" : null,
                  macAddress: null,
                  macLock: false,
                  ...c,
                });
                const state = buildDesiredState({
                  tenantId: TENANT,
                  routerId: "r",
                  active: true,
                  settings: { allowedAddressList: "allowed", arpInterface: null, dhcpServer: null, hotspotServer: "all" },
                  lapsed: { suspendMode: mode, captiveRate: "256k/256k", captiveAddressList: "suspended" },
                  packages: new Map([[PKG_ID, pkg]]),
                  customers: [row("PPPOE"), { ...row("STATIC"), id: "c0000000-0000-4000-8000-000000000002" }],
                  now: NOW,
                  password: () => "0042",
                });
                const secret = state.items.find((i) => i.menu === "pppSecret")!.fields;
                const allowed = state.items.find((i) => i.menu === "addressList")!.fields;
                const queue = state.items.find((i) => i.menu === "queue")?.fields;
                const label = JSON.stringify({ ...c, p, mode });
                if (group === packageGroup(PKG_ID)) {
                  expect({ label, profile: secret.profile, disabled: secret.disabled, allowed: allowed.disabled }).toEqual({ label, profile: packageProfileName(pkg), disabled: "no", allowed: "no" });
                  expect(queue?.["max-limit"], label).toBe("2000000/10000000");
                } else if (group === fupGroup(PKG_ID)) {
                  expect({ label, profile: secret.profile, disabled: secret.disabled, allowed: allowed.disabled }).toEqual({ label, profile: packageProfileName(pkg) + FUP_SUFFIX, disabled: "no", allowed: "no" });
                  expect(queue?.["max-limit"], label).toBe("512000/1000000");
                } else if (group === captiveGroup(TENANT)) {
                  expect({ label, profile: secret.profile, disabled: secret.disabled, allowed: allowed.disabled }).toEqual({ label, profile: CAPTIVE_PROFILE, disabled: "no", allowed: "yes" });
                } else {
                  expect(group, label).toBe(rejectGroup(TENANT));
                  expect({ label, disabled: secret.disabled, allowed: allowed.disabled }).toEqual({ label, disabled: "yes", allowed: "yes" });
                }
                checked++;
              }
    expect(checked).toBe(5 * 3 * 2 * 2 * 5 * 2);
  });
});
