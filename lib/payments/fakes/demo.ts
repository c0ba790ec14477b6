// Where the demo's fake gateways listen and the credentials the demo ISP's gateways use with them
// (prisma/seed.ts, scripts/payments-fake.ts). Test values only: they open nothing real.
export const DEMO_DARAJA = {
  port: Number(process.env.DEMO_DARAJA_PORT ?? 18090),
  consumerKey: "demo-consumer-key",
  consumerSecret: "demo-consumer-secret",
  passkey: "demo-passkey-not-a-secret",
} as const;

export const DEMO_STRIPE = {
  port: Number(process.env.DEMO_STRIPE_PORT ?? 18091),
  secretKey: "sk_test_demo_not_a_real_key_0001",
  webhookSecret: "whsec_demo_not_a_real_secret_0001",
} as const;
