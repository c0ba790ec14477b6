// The demo's fake payment gateways (how `npm start` runs them, supervised): a fake M-Pesa Daraja
// on DEMO_DARAJA_PORT (18090 by default) with the demo ISP's credentials. Phones ending 0-4 pay,
// 5 cancel, 6 have no money, 7 are unreachable, 8 type a wrong PIN, 9 ignore the prompt.
import { startFakeDaraja } from "@/lib/payments/fakes/daraja";
import { DEMO_DARAJA } from "@/lib/payments/fakes/demo";

async function main() {
  const daraja = await startFakeDaraja({ port: DEMO_DARAJA.port, consumerKey: DEMO_DARAJA.consumerKey, consumerSecret: DEMO_DARAJA.consumerSecret, answerAfterMs: 4_000 });
  console.log(`fake M-Pesa Daraja on ${daraja.url} (phones ending 0-4 pay, 5 cancel, 6 no money, 7 unreachable, 8 wrong PIN, 9 ignore)`);
  const stop = async () => {
    await daraja.close();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop());
  process.on("SIGTERM", () => void stop());
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
