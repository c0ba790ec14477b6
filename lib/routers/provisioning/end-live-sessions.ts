// The API-mode half of "a change the customer must feel now" (lib/radius/live-change.ts decides
// which changes): RADIUS routers get a CoA or a Disconnect-Request; an API-mode router gets its
// customer's /ppp/active and /ip/hotspot/active entries removed, once the reconcile has written
// the new secret or hotspot user, so the customer logs in again under the new state.
//
// A "coa" (only the speed changed) ends the session too: RouterOS applies a PPP or hotspot
// profile's rate-limit when the session starts (a dynamic queue the API may not change), so a
// new login is the only way the new speed takes effect. Static customers have no session: their
// simple queue and address-list entry, which the reconcile itself changes, act at once (the
// lookup finds nothing for them, unless they were PPPoE or hotspot until this change).
import type { RawApi } from "@/lib/routeros";
import { itemFailure } from "./apply-plan";

export interface PendingLiveChange {
  customerId: string;
  username: string;
  mode: "coa" | "disconnect";
}

export interface EndedSessions {
  /** Customers whose change is carried out (sessions ended, or none was open). */
  done: string[];
  /** Sessions removed. */
  ended: number;
  /** customerId -> the router's refusal (the change stays pending for the next run). */
  errors: Map<string, string>;
}

const ACTIVE_MENUS = [
  { path: "/ppp/active", by: "name" },
  { path: "/ip/hotspot/active", by: "user" },
] as const;

/**
 * Ends the open sessions of these customers. Both menus are looked at whatever the connection
 * type: a customer just moved from PPPoE to hotspot or static still has its PPP session. A router that stops
 * answering throws (the run is retried and the change stays pending); a refusal is that
 * customer's error.
 */
export async function endLiveSessions(api: RawApi, pending: readonly PendingLiveChange[]): Promise<EndedSessions> {
  const result: EndedSessions = { done: [], ended: 0, errors: new Map() };
  for (const change of pending) {
    try {
      for (const menu of ACTIVE_MENUS) {
        const rows = await api.print(menu.path, { where: { [menu.by]: change.username }, proplist: [".id"] });
        for (const row of rows) if ((await api.remove(menu.path, row[".id"]!)) === "done") result.ended++;
      }
      result.done.push(change.customerId);
    } catch (error) {
      const refusal = itemFailure(error);
      if (refusal === null) throw error;
      result.errors.set(change.customerId, `Ending the live session: the router refused (${refusal})`);
    }
  }
  return result;
}
