// JSON door for the customers list and creation, for the signed-in operator (the same rules as the
// panels: staff see the ISP, resellers their subtree). API keys for integrators come later.
import { NextResponse } from "next/server";
import { createCustomer } from "@/lib/customers/create-customer";
import { CUSTOMER_LIST_SPEC, listCustomers } from "@/lib/customers/list-customers";
import { parseListQuery } from "@/lib/lists/list-query";
import { readJson, withOperator } from "@/lib/next/route-handler";

export const GET = withOperator("customers:view", async ({ req, actor }) => {
  const query = parseListQuery(Object.fromEntries(new URL(req.url).searchParams), CUSTOMER_LIST_SPEC);
  const { rows, total, totalIsLowerBound = false, nextCursor = null } = await listCustomers(actor, query);
  // nextCursor: pass it back as ?after= for the next page at any depth (keyset, not counted).
  return { rows, total, totalIsLowerBound, nextCursor, page: query.page, pageSize: query.pageSize };
});

export const POST = withOperator("customers:manage", async ({ req, actor }) => {
  const body = await readJson(req);
  const customer = await createCustomer(actor, (body ?? {}) as Parameters<typeof createCustomer>[1]);
  return NextResponse.json(customer, { status: 201 });
});
