// Where the contract suite runs: a real router when ROUTEROS_TEST_HOST is set (with
// ROUTEROS_TEST_PORT, ROUTEROS_TEST_USER, ROUTEROS_TEST_PASSWORD), the simulator otherwise.
// Tests that need the simulator's fault injection skip on a real router.
import { randomBytes } from "node:crypto";
import { startRouterSim, type RouterSim, type RouterSimOptions } from "../sim";
import type { RouterTarget } from "../types";

export const realRouter = Boolean(process.env.ROUTEROS_TEST_HOST);

export interface ContractRouter {
  target: RouterTarget;
  /** Only when running against the simulator. */
  sim?: RouterSim;
  close(): Promise<void>;
}

let seq = 0;

/** A router for one test file; `simOptions` only shape the simulator. */
export async function openContractRouter(simOptions: RouterSimOptions = {}): Promise<ContractRouter> {
  const id = `contract-${process.pid}-${++seq}`;
  if (realRouter) {
    return {
      target: {
        id,
        host: process.env.ROUTEROS_TEST_HOST!,
        port: Number(process.env.ROUTEROS_TEST_PORT ?? 8728),
        username: process.env.ROUTEROS_TEST_USER ?? "admin",
        password: process.env.ROUTEROS_TEST_PASSWORD ?? "",
      },
      close: async () => {},
    };
  }
  const users = simOptions.users ?? [{ name: "admin", password: "" }];
  const sim = await startRouterSim({ ...simOptions, users });
  return {
    target: { id, host: sim.host, port: sim.port, username: users[0]!.name, password: users[0]!.password },
    sim,
    close: () => sim.close(),
  };
}

/** A name no other test (or a previous run on a real router) uses: "t" + 8 hex. */
export function uniqueName(prefix = "t"): string {
  return `${prefix}${randomBytes(4).toString("hex")}`;
}

/** Records uncaught exceptions while a test runs (vitest would report them, but not fail the right test). */
export function watchUncaught() {
  const seen: unknown[] = [];
  const onError = (error: unknown) => seen.push(error);
  process.on("uncaughtException", onError);
  process.on("unhandledRejection", onError);
  return {
    seen,
    stop() {
      process.off("uncaughtException", onError);
      process.off("unhandledRejection", onError);
    },
  };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
