// The demo's fake payment gateways (how `npm start` runs them, supervised): a fake M-Pesa Daraja on
// DEMO_DARAJA_PORT (18090) and a fake Stripe on DEMO_STRIPE_PORT (18091), with the demo ISP's
// credentials. M-Pesa phones ending 0-4 pay, 5 cancel, 6 have no money, 7 are unreachable, 8 type a
// wrong PIN, 9 ignore the prompt; Stripe's checkout page has Pay and Cancel buttons and sends its
// webhooks to the demo ISP's card gateway.
import { withSystem } from "@/lib/db";
import { startFakeDaraja } from "@/lib/payments/fakes/daraja";
import { DEMO_DARAJA, DEMO_STRIPE } from "@/lib/payments/fakes/demo";
import { startFakeStripe } from "@/lib/payments/fakes/stripe";
import { webhookUrl } from "@/lib/payments/gateway-account";

async function main() {
  const daraja = await startFakeDaraja({ port: DEMO_DARAJA.port, consumerKey: DEMO_DARAJA.consumerKey, consumerSecret: DEMO_DARAJA.consumerSecret, answerAfterMs: 4_000 });
  console.log(`fake M-Pesa Daraja on ${daraja.url} (phones ending 0-4 pay, 5 cancel, 6 no money, 7 unreachable, 8 wrong PIN, 9 ignore)`);
  // The demo ISP's card gateway, if the demo was seeded: its webhooks go to our route.
  const card = await withSystem("demo fakes: the demo ISP's card gateway", async (tx) => {
    const demo = await tx.tenant.findUnique({ where: { slug: "demo" }, select: { id: true } });
    return demo ? tx.paymentGateway.findFirst({ where: { tenantId: demo.id, kind: "STRIPE" } }) : null;
  }).catch(() => null);
  const stripe = await startFakeStripe({ port: DEMO_STRIPE.port, accounts: [{ secretKey: DEMO_STRIPE.secretKey, webhookSecret: DEMO_STRIPE.webhookSecret, webhookUrl: card ? webhookUrl(card) : null }] });
  console.log(`fake Stripe on ${stripe.url}${card ? "" : " (no demo card gateway: its webhooks go nowhere)"}`);
  const stop = async () => {
    await Promise.allSettled([daraja.close(), stripe.close()]);
    process.exit(0);
  };
  process.on("SIGINT", () => void stop());
  process.on("SIGTERM", () => void stop());
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
