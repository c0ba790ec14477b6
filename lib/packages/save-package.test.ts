// Editing a package: online customers on it feel a new speed at once (CoA), nothing else does.
import { describe, expect, it } from "vitest";
import { withSystem, withTenant } from "@/lib/db";
import { CUSTOMER_NETWORK_CHANGED } from "@/lib/radius/events";
import { makeCustomer, makePackage, makeTenant, uniq } from "@/lib/testing/factories";
import { savePackage } from "./save-package";

describe("savePackage on a package with customers online", () => {
  it("asks a CoA for each active customer on it with an open session when its speed changes, and only then", async () => {
    const t = await makeTenant();
    const input = { name: uniq("Home "), price: "1000", validityValue: 30, validityUnit: "DAY" as const, rateDown: "10M", rateUp: "2M", connectionTypes: ["PPPOE" as const, "HOTSPOT" as const] };
    const home = await makePackage(t.owner, input);
    const other = await makePackage(t.owner);
    const online = await makeCustomer(t.owner, { packageId: home.id });
    const byMac = await makeCustomer(t.owner, { packageId: home.id, connectionType: "HOTSPOT", macAddress: "AA:BB:CC:00:11:22" });
    const offline = await makeCustomer(t.owner, { packageId: home.id });
    const suspended = await makeCustomer(t.owner, { packageId: home.id });
    const elsewhere = await makeCustomer(t.owner, { packageId: other.id });
    await withSystem("test: suspend", (tx) => tx.customer.update({ where: { id: suspended.id }, data: { status: "SUSPENDED" } }));
    const open = (username: string) => ({ tenantId: t.tenantId, acctsessionid: uniq("s"), acctuniqueid: uniq("u"), username, nasipaddress: "127.0.0.1", acctstarttime: new Date() });
    await withTenant(t.tenantId, (tx) =>
      tx.radAcct.createMany({
        data: [open(online.username), open("AA:BB:CC:00:11:22"), open(suspended.username), open(elsewhere.username), { ...open(offline.username), acctstoptime: new Date() }],
      }),
    );
    const events = () =>
      withSystem("test: outbox", (tx) => tx.outboxEvent.findMany({ where: { tenantId: t.tenantId, name: CUSTOMER_NETWORK_CHANGED }, select: { data: true } }));

    await savePackage(t.owner, { ...input, id: home.id, name: `${input.name} renamed`, price: "1200" });
    expect(await events()).toEqual([]);

    await savePackage(t.owner, { ...input, id: home.id, rateDown: "20M" });
    const sent = (await events()).map((e) => e.data as { customerId: string; mode: string; reason: string });
    expect(sent.map((e) => e.customerId).sort()).toEqual([online.id, byMac.id].sort());
    expect(sent.every((e) => e.mode === "coa" && e.reason === "package speed")).toBe(true);
  });
});
