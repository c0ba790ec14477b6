// The relay's way out to Inngest: outbox rows become events whose id is the row id, so a resend
// after a lost answer is dropped by Inngest as a duplicate.
import type { Inngest } from "inngest";
import type { OutboxRow } from "@/lib/jobs/outbox/relay";
import { inngest, SEND_TIMEOUT_MS } from "./client";

export function createInngestSender(client: Inngest.Any, timeoutMs: number) {
  return async (rows: OutboxRow[]): Promise<void> => {
    const send = client.send(rows.map((r) => ({ id: r.id, name: r.name, data: r.data })));
    let timer: NodeJS.Timeout | undefined;
    // Each request has its own deadline (the client's fetch); this one bounds the SDK's retries.
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`Inngest did not accept the events within ${timeoutMs * 2} ms`)), timeoutMs * 2);
    });
    send.catch(() => {}); // a late rejection after the deadline is already handled
    try {
      await Promise.race([send, deadline]);
    } finally {
      clearTimeout(timer);
    }
  };
}

export const sendOutboxToInngest = createInngestSender(inngest, SEND_TIMEOUT_MS);
