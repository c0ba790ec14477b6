// The action client for the customer portal's forms: the same contract as operatorAction (refuse
// NUL, resolve the actor on the server, field errors back, echo without secrets), for the signed-in
// customer.
import type { CustomerActor } from "@/lib/audit/actor";
import { getCustomerActor } from "./actor";
import { formAction } from "./operator-action";

type Customer = CustomerActor & { slug: string };

export function customerAction<R>(handler: (actor: Customer, input: Record<string, string>) => Promise<R>, options: { redirectTo?: (result: R, actor: Customer) => string } = {}) {
  return formAction(getCustomerActor, handler, options);
}
