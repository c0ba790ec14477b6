// The router's active sessions with counters, polled by its Live tab.
import { withOperator } from "@/lib/next/route-handler";
import { getRouterLive } from "@/lib/routers/live";

export const dynamic = "force-dynamic";

export const GET = withOperator<{ id: string }>("routers:view", ({ actor, params }) => getRouterLive(actor, params.id));
