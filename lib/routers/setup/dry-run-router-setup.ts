// The dry-run on the router's page: exactly what setup would add or change, nothing written.
import { isUuid } from "@/lib/db";
import type { OperatorActor } from "@/lib/audit/actor";
import { assertCan } from "@/lib/auth/permissions";
import { diffRouterSetup, toDiffView } from "./diff-router-setup";
import { prepareRouterSetup, routerNotFound, routerTrouble } from "./prepare-router-setup";
import { routerSetupOptionsSchema, type RouterSetupOptionsInput } from "./setup.schema";
import type { RouterSetupDiffView } from "./setup.types";

export type RouterSetupDryRun = RouterSetupDiffView & {
  /** Configuration that keeps Apply from starting. */
  problems: string[];
  /** The router's interfaces, for choosing where a PPPoE server goes. */
  interfaces: string[];
  pppoeInterface: string | null;
  setupAppliedAt: string | null;
};

export async function dryRunRouterSetup(actor: OperatorActor, routerId: string, input: RouterSetupOptionsInput = {}): Promise<RouterSetupDryRun> {
  assertCan(actor, "routers:manage");
  if (!isUuid(routerId)) throw routerNotFound();
  const options = routerSetupOptionsSchema.parse(input);
  const setup = await prepareRouterSetup(actor.tenantId, routerId, options);
  try {
    const diff = await diffRouterSetup(setup.api, setup.plan);
    const interfaces = (await setup.api.print("/interface", { proplist: ["name", "dynamic", "slave"] }))
      .filter((i) => i.dynamic !== "true" && i.slave !== "true" && i.name)
      .map((i) => i.name!);
    return {
      ...toDiffView(diff),
      problems: setup.problems,
      interfaces,
      pppoeInterface: options.pppoeInterface ?? null,
      setupAppliedAt: setup.router.setupAppliedAt?.toISOString() ?? null,
    };
  } catch (error) {
    throw routerTrouble(error);
  }
}
