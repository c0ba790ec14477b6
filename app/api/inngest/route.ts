// Inngest calls this to run functions. Only when the Inngest driver is configured
// (lib/jobs/driver-kind.ts): otherwise the local driver runs the jobs, this endpoint does not
// exist, and says so with a 404 instead of Inngest's 500 about a missing signing key.
import { NextResponse } from "next/server";
import { serve } from "inngest/next";
import { inngest } from "@/inngest/client";
import { inngestFunctions } from "@/inngest/functions";
import { activeDriverKind } from "@/lib/jobs/driver-kind";

const inngestHandlers = serve({ client: inngest, functions: inngestFunctions });

type Handler = (typeof inngestHandlers)["GET"];

function whenConfigured(handler: Handler): Handler {
  return (...args) => {
    if (activeDriverKind() === "inngest") return handler(...args);
    return Promise.resolve(
      NextResponse.json(
        { error: { code: "NOT_FOUND", message: "Inngest is not configured on this server: jobs run on the local driver (set INNGEST_SIGNING_KEY to use Inngest)." } },
        { status: 404, headers: { "Cache-Control": "no-store" } },
      ),
    );
  };
}

export const GET = whenConfigured(inngestHandlers.GET);
export const POST = whenConfigured(inngestHandlers.POST);
export const PUT = whenConfigured(inngestHandlers.PUT);
