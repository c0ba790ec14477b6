import { exportCustomersCsv } from "@/lib/customers/export-customers";
import { withOperator } from "@/lib/next/route-handler";

export const GET = withOperator("customers:view", async ({ actor }) => {
  const csv = await exportCustomersCsv(actor);
  const day = new Date().toISOString().slice(0, 10);
  return new Response(csv, {
    headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="customers-${day}.csv"`, "cache-control": "no-store" },
  });
});
