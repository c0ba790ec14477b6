// The router's simple queues with their current rates, polled by the bandwidth section.
import { withOperator } from "@/lib/next/route-handler";
import { listBandwidth } from "@/lib/routers/live";

export const dynamic = "force-dynamic";

export const GET = withOperator<{ id: string }>("routers:view", ({ actor, params }) => listBandwidth(actor, params.id));
