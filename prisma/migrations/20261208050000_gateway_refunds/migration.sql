-- Refunds of online payments (docs/payments.md, "Refunds"): the gateway's refund id and when, on
-- the attempt; the payment itself is reversed (reversePaymentTx), never deleted. A refund is
-- asked of the gateway once: the conditional update that claims the attempt decides it.
ALTER TABLE "gateway_payments" ADD COLUMN IF NOT EXISTS "refund_requested_at" TIMESTAMPTZ(3);
ALTER TABLE "gateway_payments" ADD COLUMN IF NOT EXISTS "refunded_at" TIMESTAMPTZ(3);
ALTER TABLE "gateway_payments" ADD COLUMN IF NOT EXISTS "refund_id" TEXT;
ALTER TABLE "gateway_payments" DROP CONSTRAINT IF EXISTS "gateway_payments_refund_check";
ALTER TABLE "gateway_payments" ADD CONSTRAINT "gateway_payments_refund_check" CHECK (
  ("refunded_at" IS NULL OR ("refund_id" IS NOT NULL AND "refund_requested_at" IS NOT NULL AND "status" = 'SUCCEEDED')));
