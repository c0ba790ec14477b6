// One customer's live traffic, polled by the chart on its page.
import { withOperator } from "@/lib/next/route-handler";
import { getCustomerTraffic } from "@/lib/routers/live";

export const dynamic = "force-dynamic";

export const GET = withOperator<{ id: string }>("customers:view", ({ actor, params }) => getCustomerTraffic(actor, params.id));
