// The relay's way out to Inngest: outbox rows become events whose id is the row id, so a resend
// after a lost answer is dropped by Inngest as a duplicate.
import type { OutboxRow } from "@/lib/jobs/outbox/relay";
import { inngest, SEND_TIMEOUT_MS } from "./client";

export async function sendOutboxToInngest(rows: OutboxRow[]): Promise<void> {
  const send = inngest.send(rows.map((r) => ({ id: r.id, name: r.name, data: r.data })));
  let timer: NodeJS.Timeout | undefined;
  // The client's fetch has its own deadline; this one bounds the SDK's retries around it.
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Inngest did not accept the events within ${SEND_TIMEOUT_MS * 2} ms`)), SEND_TIMEOUT_MS * 2);
  });
  try {
    await Promise.race([send, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
