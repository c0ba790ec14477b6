import { getCustomerOrThrow } from "@/lib/customers/get-customer";
import { withOperator } from "@/lib/next/route-handler";

export const GET = withOperator<{ id: string }>("customers:view", ({ actor, params }) => getCustomerOrThrow(actor, params.id));
