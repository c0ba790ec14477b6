"use server";

import { createOperator } from "@/lib/operators/create-operator";
import { updateOperator } from "@/lib/operators/update-operator";
import type { CreateOperatorInput, UpdateOperatorInput } from "@/lib/operators/operators.schema";
import { panelFor } from "@/lib/next/actor";
import { operatorAction } from "@/lib/next/operator-action";
import { setSpecialPrices } from "@/lib/resellers/special-prices";
import { setSubResellerPackages } from "@/lib/resellers/sub-reseller-packages";

function listPath(panel: string) {
  return panel === "/admin" ? "/admin/operators" : "/reseller/sub-resellers";
}

export const createOperatorAction = operatorAction((actor, input) => createOperator(actor, input as CreateOperatorInput), {
  redirectTo: (op, actor) => `${listPath(panelFor(actor))}/${op.id}?created=1`,
});

export const updateOperatorAction = operatorAction((actor, input) => updateOperator(actor, input as UpdateOperatorInput), {
  revalidate: ["/admin/operators", "/reseller/sub-resellers"],
  successMessage: "Operator saved.",
});

/** The special-prices form posts operatorId and price.<packageId> per package ("" = the tier price). */
export const setSpecialPricesAction = operatorAction(
  (actor, input) => {
    const prices = Object.fromEntries(Object.entries(input).filter(([k]) => k.startsWith("price.")).map(([k, v]) => [k.slice("price.".length), v]));
    return setSpecialPrices(actor, input.operatorId ?? "", prices);
  },
  { revalidate: ["/admin/operators/[id]", "/reseller/sub-resellers/[id]"], successMessage: "Prices saved." },
);

/** The sub-reseller packages form posts operatorId and sells.<packageId> = "on" per ticked package. */
export const setSubResellerPackagesAction = operatorAction(
  (actor, input) => setSubResellerPackages(actor, input.operatorId ?? "", Object.keys(input).filter((k) => k.startsWith("sells.")).map((k) => k.slice("sells.".length))),
  { revalidate: ["/admin/operators/[id]", "/reseller/sub-resellers/[id]"], successMessage: "Packages saved." },
);
