/** An API-mode router should be reconciled (a change it must see, a schedule, "Sync now"). */
export const ROUTER_SYNC_REQUESTED = "routers/sync.requested";

export type RouterSyncRequestedData = { routerId: string; reason: string };
