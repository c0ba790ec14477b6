// The demo ISP: an owner, a reseller with a sub-reseller, and 50 customers spread over the three.
// Every login's password is demo1234. Runs through the same services as the app, so every row
// has its audit entry. Safe to run twice: it does nothing when the demo ISP exists.
import { withSystem, withTenant } from "@/lib/db";
import { emitEvent } from "@/lib/jobs/outbox/emit-event";
import { localDate, previousDay } from "@/lib/reports/local-day";
import { TENANT_DIGEST_REQUESTED } from "@/lib/reports/tenant-digest.jobs";
import type { OperatorActor } from "@/lib/audit/actor";
import { signUpTenant } from "@/lib/tenants/sign-up-tenant";
import { createOperator } from "@/lib/operators/create-operator";
import { createCustomer } from "@/lib/customers/create-customer";
import { moveWalletMoney } from "@/lib/resellers/wallets";
import { recordPayment } from "@/lib/billing/payments/payment-services";
import { updateCustomer } from "@/lib/customers/update-customer";
import { savePackage } from "@/lib/packages/save-package";
import { createRouter } from "@/lib/routers/save-router";
import { saveRouterApi } from "@/lib/routers/router-api-settings";
import { saveGateway } from "@/lib/payments/gateways-admin";
import { DEMO_DARAJA, DEMO_STRIPE } from "@/lib/payments/fakes/demo";

export const DEMO_PASSWORD = "demo1234";
/** The demo router's RADIUS secret, so `radtest cust0001 demo1234 127.0.0.1 0 demo-radius-secret` works. */
export const DEMO_RADIUS_SECRET = "demo-radius-secret";
/**
 * The demo router's RouterOS API: a simulator `npm start` runs on this port (scripts/lib/demo-routers.ts),
 * so the Live and API & health tabs work without hardware.
 */
export const DEMO_ROUTER_API = { apiHost: "127.0.0.1", apiPort: "18728", apiUsername: "isp-api", apiPassword: "demo-api-1234" };
/** A second demo router in API mode (customers pushed to it and reconciled), simulated on 18729. */
export const DEMO_ROUTER2_API = { ...DEMO_ROUTER_API, apiPort: "18729", mode: "API" as const };

const FIRST = ["Amina", "Brian", "Chloe", "David", "Esther", "Faith", "George", "Halima", "Ian", "Joy", "Kevin", "Lucy", "Moses", "Nadia", "Otieno", "Purity", "Quentin", "Rehema", "Samuel", "Tabitha", "Umar", "Violet", "Wanjiru", "Xavier", "Yusuf"];
const LAST = ["Achieng", "Barasa", "Cheruiyot", "Dlamini", "Ekwueme", "Farah", "Gitau", "Hassan", "Irungu", "Jeptoo"];

export async function seedDemo(log: (m: string) => void = console.log): Promise<boolean> {
  process.env.ROUTER_API_ALLOW_LOCAL ??= "1"; // the demo's routers are simulators on this machine (docs/routeros.md)
  const exists = await withSystem("demo seed check", (tx) => tx.tenant.count({ where: { slug: "demo" } }));
  if (exists) {
    log("Demo ISP already present; nothing to seed.");
    return false;
  }
  const { tenantId, ownerId } = await signUpTenant({
    name: "Demo ISP",
    slug: "demo",
    country: "KE",
    currency: "KES",
    timezone: "Africa/Nairobi",
    locale: "en",
    ownerName: "Dana Owner",
    email: "admin@demo.isp",
    password: DEMO_PASSWORD,
  });
  const owner: OperatorActor = { kind: "OPERATOR", id: ownerId, tenantId, role: "OWNER", name: "Dana Owner", path: "/", ip: null };
  const reseller = await createOperator(owner, {
    role: "RESELLER",
    name: "Riverside Reseller",
    email: "reseller@demo.isp",
    password: DEMO_PASSWORD,
    commissionShare: "60",
    billingMode: "PREPAID",
  });
  const sub = await createOperator(owner, {
    role: "SUB_RESELLER",
    name: "Hilltop Sub-reseller",
    email: "subreseller@demo.isp",
    password: DEMO_PASSWORD,
    parentId: reseller.id,
    commissionShare: "50",
    billingMode: "PREPAID",
  });
  await createOperator(owner, { role: "MANAGER", name: "Mo Manager", email: "manager@demo.isp", password: DEMO_PASSWORD });

  const home = await savePackage(owner, {
    name: "Home 10M", price: "2500", validityValue: 30, validityUnit: "DAY", rateDown: "10M", rateUp: "2M",
    connectionTypes: ["PPPOE", "HOTSPOT"], resellerVisible: true, resellerPrice: "2200",
  });
  const basic = await savePackage(owner, {
    name: "Basic 5M", price: "1500", validityValue: 30, validityUnit: "DAY", rateDown: "5M", rateUp: "1M",
    burstDown: "8M", burstUp: "2M", burstThresholdDown: "4M", burstThresholdUp: "768k", burstTimeSeconds: "16",
    connectionTypes: ["PPPOE"], resellerVisible: true,
  });
  await savePackage(owner, {
    name: "Fibre 50M (200 GB)", price: "6000", validityValue: 1, validityUnit: "MONTH", rateDown: "50M", rateUp: "10M",
    dataCapGb: "200", dataCapAction: "THROTTLE", fupDown: "2M", fupUp: "1M", connectionTypes: ["PPPOE"],
  });
  await savePackage(owner, {
    name: "Hotspot day pass", price: "50", validityValue: 1, validityUnit: "DAY", rateDown: "2M", rateUp: "1M", connectionTypes: ["HOTSPOT"],
  });
  // radtest sends no Message-Authenticator, so the demo router does not require one.
  const { router } = await createRouter(owner, { name: "Demo Router 1", nasIp: "127.0.0.1", site: "Head office", requireMessageAuthenticator: false }, { secret: DEMO_RADIUS_SECRET });
  await saveRouterApi(owner, router.id, DEMO_ROUTER_API);
  const { router: apiRouter } = await createRouter(owner, { name: "Demo Router 2", nasIp: "127.0.0.2", site: "Market branch" });
  await saveRouterApi(owner, apiRouter.id, DEMO_ROUTER2_API);

  // Money in the resellers' wallets, so a newcomer signed in as a reseller can recharge at once.
  await moveWalletMoney(owner, { operatorId: reseller.id, direction: "IN", via: "CASH", amount: "50000", reference: "Demo opening top-up", idempotencyKey: "seed-wallet-reseller" });
  const resellerActor: OperatorActor = { kind: "OPERATOR", id: reseller.id, tenantId, role: "RESELLER", name: reseller.name, path: reseller.path, ip: null };
  await moveWalletMoney(resellerActor, { operatorId: sub.id, direction: "IN", via: "WALLET", amount: "10000", reference: "Demo opening top-up", idempotencyKey: "seed-wallet-sub" });

  // M-Pesa against the fake Daraja that `npm start` runs (scripts/payments-fake.ts): a newcomer
  // presses Pay in the portal and watches the customer unlock, with no internet.
  await saveGateway(owner, {
    kind: "MPESA",
    name: "M-Pesa",
    mode: "SANDBOX",
    settings: { shortcode: "174379", transactionType: "CustomerPayBillOnline", baseUrl: `http://127.0.0.1:${DEMO_DARAJA.port}` },
    secrets: { consumerKey: DEMO_DARAJA.consumerKey, consumerSecret: DEMO_DARAJA.consumerSecret, passkey: DEMO_DARAJA.passkey },
  });
  await saveGateway(owner, { kind: "STRIPE", name: "Card", mode: "SANDBOX", settings: { apiBase: `http://127.0.0.1:${DEMO_STRIPE.port}` }, secrets: { secretKey: DEMO_STRIPE.secretKey, webhookSecret: DEMO_STRIPE.webhookSecret } });

  for (let i = 1; i <= 50; i++) {
    const username = `cust${String(i).padStart(4, "0")}`;
    const operatorId = i <= 20 ? undefined : i <= 35 ? reseller.id : sub.id;
    const name = `${FIRST[i % FIRST.length]} ${LAST[i % LAST.length]}`;
    const customer = await createCustomer(owner, {
      username,
      password: DEMO_PASSWORD,
      name,
      mobile: `+2547${String(10_000_000 + i * 7919).slice(0, 8)}`,
      email: `${username}@example.com`,
      address: `Plot ${i}, Riverside Drive, Nairobi`,
      operatorId,
      connectionType: "PPPOE",
      packageId: i % 3 === 0 ? basic.id : home.id,
      // Customers 41-45 connect through the API-mode router: the worker provisions them there.
      ...(i >= 41 && i <= 45 ? { routerId: apiRouter.id } : {}),
      expiresAt: new Date(Date.now() + (i % 10 === 9 ? -2 : 30 - (i % 20)) * 86_400_000).toISOString(),
    });
    // Most customers paid their activation invoice in cash; every fourth owes it, every eighth overpaid.
    if (i % 4 !== 0) {
      await recordPayment(owner, { customerId: customer.id, method: i % 5 === 0 ? "BANK_TRANSFER" : "CASH", amount: i % 8 === 1 ? "5000" : i % 3 === 0 ? "1500" : "2500", reference: i % 5 === 0 ? `BANK-${1000 + i}` : undefined, idempotencyKey: `seed-payment-${i}` });
    }
    const status = i % 10 === 7 ? "SUSPENDED" : i % 10 === 9 ? "EXPIRED" : i === 50 ? "DISABLED" : null;
    if (status) {
      await updateCustomer(owner, {
        id: customer.id,
        name: customer.name,
        mobile: customer.mobile ?? "",
        email: customer.email ?? "",
        address: customer.address ?? "",
        operatorId: customer.operatorId ?? "",
        connectionType: customer.connectionType,
        packageId: customer.packageId ?? "",
        expiresAt: customer.expiresAt?.toISOString() ?? "",
        status,
      });
    }
  }
  // The first daily snapshot, so the jobs page and the dashboard have something to show at once.
  const yesterday = previousDay(localDate(new Date(), "Africa/Nairobi"));
  await withTenant(tenantId, (tx) =>
    emitEvent(tx, { id: `digest:${tenantId}:${yesterday}`, name: TENANT_DIGEST_REQUESTED, tenantId, data: { day: yesterday } }),
  );
  log("Seeded the demo ISP (slug demo): 4 operators, 4 packages, Demo Router 1 (127.0.0.1, RADIUS), Demo Router 2 (API mode), 50 customers.");
  return true;
}
