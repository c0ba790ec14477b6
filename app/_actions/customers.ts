"use server";

import { createCustomer } from "@/lib/customers/create-customer";
import { updateCustomer } from "@/lib/customers/update-customer";
import type { CreateCustomerInput, UpdateCustomerInput } from "@/lib/customers/customers.schema";
import { panelFor } from "@/lib/next/actor";
import { operatorAction } from "@/lib/next/operator-action";

export const createCustomerAction = operatorAction((actor, input) => createCustomer(actor, input as CreateCustomerInput), {
  redirectTo: (c, actor) => `${panelFor(actor)}/customers/${c.id}?created=1`,
});

export const updateCustomerAction = operatorAction((actor, input) => updateCustomer(actor, input as UpdateCustomerInput), {
  revalidate: ["/admin/customers", "/reseller/customers"],
  successMessage: "Customer saved.",
});
