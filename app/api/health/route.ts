import { NextResponse } from "next/server";
import { checkHealth } from "@/lib/health/check-health";

export const dynamic = "force-dynamic";

/**
 * The database, the job worker and FreeRADIUS, each reported on its own (lib/health): 200 when
 * every part that runs here is up, 503 otherwise. For load balancers, monitors and the harnesses.
 */
export async function GET() {
  const report = await checkHealth();
  return NextResponse.json(report, { status: report.status === "ok" ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}
