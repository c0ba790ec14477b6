// Payment gateways' callbacks: /api/webhooks/<gateway>/<gateway id>[/...]. The request is stored
// exactly as it came before it is read (lib/payments/webhooks.ts); no session, no CSRF: the
// gateway proves itself by its signature, or by the secret token in the URL when it signs nothing.
import { NextResponse } from "next/server";
import { requestIp } from "@/lib/next/request-ip";
import { MAX_BODY_BYTES, receiveWebhook } from "@/lib/payments/webhooks";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ gateway: string; id: string; rest?: string[] }> };

/** The body as bytes, reading at most one byte past the limit (the rest is not needed to refuse it). */
async function rawBody(req: Request): Promise<Buffer> {
  if (!req.body) return Buffer.alloc(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (size <= MAX_BODY_BYTES) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.length;
  }
  await reader.cancel().catch(() => undefined);
  return Buffer.concat(chunks);
}

async function handle(req: Request, { params }: Params) {
  const { gateway, id } = await params;
  const url = new URL(req.url);
  const answer = await receiveWebhook({
    slug: gateway,
    gatewayId: id,
    method: req.method,
    url: `${url.pathname}${url.search}`,
    headers: Object.fromEntries(req.headers.entries()),
    body: await rawBody(req),
    sourceIp: await requestIp(),
  });
  const headers = { "Cache-Control": "no-store", "X-Webhook-Request": String(answer.requestId) };
  if (answer.location) return NextResponse.redirect(answer.location, { status: 303, headers });
  return NextResponse.json(answer.body, { status: answer.status, headers });
}

export const POST = handle;
export const GET = handle;
