// The stored logo, for the settings page's preview (only the billing:settings operators see it).
import { AppError } from "@/lib/errors";
import { getBillingLogo } from "@/lib/billing/settings/get-billing-settings";
import { withOperator } from "@/lib/next/route-handler";

export const GET = withOperator("billing:settings", async ({ actor }) => {
  const logo = await getBillingLogo(actor);
  if (!logo) throw new AppError("NOT_FOUND", { userMessage: "No logo yet." });
  // The type is the one the bytes proved at upload (PNG or JPEG), never sniffed as anything else.
  return new Response(new Uint8Array(logo.bytes), { headers: { "content-type": logo.mime, "x-content-type-options": "nosniff" } });
});
