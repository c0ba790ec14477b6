// The Inngest driver through @inngest/test, against the real test database.
import { InngestTestEngine } from "@inngest/test";
import { describe, expect, it } from "vitest";
import { withSystem, withTenant } from "@/lib/db";
import { TENANT_DIGEST_REQUESTED, tenantDigestBuild, tenantDigestFanOut } from "@/lib/reports/tenant-digest.jobs";
import { localDate } from "@/lib/reports/local-day";
import { stableUuid } from "@/lib/jobs/stable-uuid";
import { defineJob, type AnyJobDefinition } from "@/lib/jobs/define-job";
import { z } from "zod";
import { makeCustomer, makeTenant } from "@/lib/testing/factories";
import { toInngestFunction } from "./functions";

const buildFn = toInngestFunction(tenantDigestBuild as unknown as AnyJobDefinition);
const fanOutFn = toInngestFunction(tenantDigestFanOut as unknown as AnyJobDefinition);

type FunctionConfig = { id: string; triggers: unknown; concurrency?: unknown; steps: { step: { retries: unknown } } };
// What the SDK registers with Inngest for a function (the serve handler sends exactly this).
function registered(fn: unknown): FunctionConfig {
  const withConfig = fn as { getConfig(o: { baseUrl: URL; appPrefix: string }): FunctionConfig[] };
  return withConfig.getConfig({ baseUrl: new URL("http://localhost/api/inngest"), appPrefix: "isp-cloud" })[0]!;
}

describe("Inngest functions", () => {
  it("carry the definition's id, retries, concurrency key and triggers", () => {
    const config = registered(buildFn);
    expect(config.id).toBe("isp-cloud-reports.tenant-digest.build");
    expect(config.triggers).toEqual([{ event: TENANT_DIGEST_REQUESTED }, { event: "jobs/run.requested", expression: "event.data.jobId == 'reports.tenant-digest.build'" }]);
    expect(config.steps.step.retries).toEqual({ attempts: 5 });
    expect(config.concurrency).toEqual([{ key: "event.data.tenantId", limit: 1 }]);
    const cron = registered(fanOutFn);
    expect(cron.triggers).toContainEqual({ cron: "TZ=UTC 0 * * * *" });
  });

  it("a child run stores the digest and is recorded, with its steps, for the tenant's admins", async () => {
    const t = await makeTenant();
    await makeCustomer(t.owner);
    const day = localDate(new Date(), "Africa/Nairobi");
    const engine = new InngestTestEngine({ function: buildFn, events: [{ name: TENANT_DIGEST_REQUESTED, data: { tenantId: t.tenantId, day } }] });
    const { result, error } = await engine.execute();
    expect(error).toBeUndefined();
    expect(result).toMatchObject({ customersTotal: 1 });
    const digest = await withTenant(t.tenantId, (tx) => tx.tenantDigest.findFirstOrThrow());
    expect(digest.newCustomers).toBe(1);
    const runs = await withTenant(t.tenantId, (tx) => tx.jobRun.findMany({ include: { steps: true } }));
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ jobId: tenantDigestBuild.id, status: "COMPLETED", trigger: `event:${TENANT_DIGEST_REQUESTED}` });
    expect(runs[0]!.steps.map((s) => s.stepId)).toEqual(["build"]);
  });

  it("a failing step surfaces as a retryable error, and a bad payload as a non-retriable one", async () => {
    // A tenant that does not exist: the build step itself throws, as a database failure would.
    const failing = new InngestTestEngine({
      function: buildFn,
      events: [{ name: TENANT_DIGEST_REQUESTED, data: { tenantId: crypto.randomUUID(), day: "2026-01-01" } }],
    });
    const failed = await failing.execute();
    const error = failed.error as { name: string; message: string };
    expect(error.message).toMatch(/No record was found/);
    expect(error.name).not.toBe("NonRetriableError"); // Inngest retries it (5 times, per the definition)

    const bad = new InngestTestEngine({ function: buildFn, events: [{ name: TENANT_DIGEST_REQUESTED, data: { tenantId: "nope", day: "yesterday" } }] });
    const out = await bad.execute();
    expect(String((out.error as Error | undefined)?.name ?? "")).toBe("NonRetriableError");
    const recorded = await withSystem("test: bad run", (tx) => tx.jobRun.findFirst({ where: { jobId: tenantDigestBuild.id, status: "FAILED", lastError: { contains: "invalid payload" } } }));
    expect(recorded).not.toBeNull();
  });

  it("an error that says another attempt cannot cure it (retriable: false) becomes a NonRetriableError, in a step or out", async () => {
    const refusing = (where: "step" | "handler") =>
      toInngestFunction(
        defineJob({
          id: `test.refused-${where}`,
          name: "refused",
          scope: "platform",
          payload: z.object({}),
          events: [`test/refused-${where}`],
          retries: 5,
          handler: async ({ step }) => {
            const refuse = () => Promise.reject(Object.assign(new Error("input does not match any value of interface"), { retriable: false }));
            if (where === "step") await step.run("write", refuse);
            else await refuse();
          },
        }) as unknown as AnyJobDefinition,
      );
    for (const where of ["step", "handler"] as const) {
      const { error } = await new InngestTestEngine({ function: refusing(where), events: [{ name: `test/refused-${where}`, data: {} }] }).execute();
      expect((error as Error).name, where).toBe("NonRetriableError");
      expect((error as Error).message, where).toContain("input does not match");
    }
  });

  it("the hourly parent fans out one event per due tenant with stable ids", async () => {
    const t = await makeTenant();
    // 21:00 UTC is midnight in Nairobi (the factory's zone): the tenant's day just ended.
    const scheduledAt = "2026-07-01T21:00:00.000Z";
    const engine = new InngestTestEngine({
      function: fanOutFn,
      events: [{ name: "inngest/scheduled.timer", data: { cron: "0 * * * *" }, ts: Date.parse(scheduledAt) }],
      steps: [{ id: "fan-out", handler: () => ({ ids: [] }) }],
    });
    const { ctx, error } = await engine.execute();
    expect(error).toBeUndefined();
    const sendEvent = ctx.step.sendEvent as unknown as { mock: { calls: [string, { id: string; name: string; data: Record<string, unknown> }[]][] } };
    const [stepId, events] = sendEvent.mock.calls[0]!;
    expect(stepId).toBe("fan-out");
    const mine = events.find((e) => e.data.tenantId === t.tenantId);
    expect(mine).toEqual({ id: stableUuid(`digest:${t.tenantId}:2026-07-01`), name: TENANT_DIGEST_REQUESTED, data: { tenantId: t.tenantId, day: "2026-07-01" } });
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
  });
});
