"use server";

import { changeOwnPassword } from "@/lib/operators/change-own-password";
import { operatorAction } from "@/lib/next/operator-action";

export const changeOwnPasswordAction = operatorAction(
  (actor, input) => changeOwnPassword(actor, input as Parameters<typeof changeOwnPassword>[1]),
  { redirectTo: () => "/login?changed=1" },
);
