import type { MenuName } from "./managed-menus";

/** Whose an item is, as written in its comment: "isp:cust=<customer id>" or "isp:pkg=<package id>". */
export type ItemOwner = { kind: "cust" | "pkg"; id: string };

/** One item the router should hold, computed from the database. */
export interface DesiredItem {
  /** "<menu>|<kind>=<id>": one item per owner and menu. */
  key: string;
  menu: MenuName;
  owner: ItemOwner;
  customerId: string | null;
  label: string;
  /** RouterOS field -> value to write; "" means the field should be empty. */
  fields: Record<string, string>;
}

/** A customer the router serves in API mode, with what keeps some of its items off the router. */
export interface DesiredCustomer {
  id: string;
  username: string;
  problems: string[];
}

export interface DesiredState {
  routerId: string;
  tenantId: string;
  /** False for a router in RADIUS mode: everything we own there should go. */
  active: boolean;
  items: DesiredItem[];
  customers: DesiredCustomer[];
}

/** A field the router holds differently from ours, changed there by hand. */
export interface DriftEntry {
  key: string;
  menu: MenuName;
  item: string;
  field: string;
  /** As shown (secrets never are). */
  ours: string;
  router: string;
  /** The router's value as the reconciler compares it (a keyed hash for secrets), for "accept". */
  theirs: string;
}

/** A router value kept on purpose ("accept"), while our value for that field stays `ours`. */
export type Override = { value: string; ours: string };

/** What a run remembers of one item (router_sync_items). */
export interface SyncRecord {
  key: string;
  menu: MenuName;
  customerId: string | null;
  label: string;
  routerItemId: string | null;
  written: Record<string, string>;
  overrides: Record<string, Override> | null;
  drift: DriftEntry[] | null;
}

/** What one reconcile did. */
export interface ReconcileSummary {
  routerId: string;
  skipped?: "not-api" | "disabled" | "no-access";
  /** Our items found on the router. */
  itemsOnRouter: number;
  desiredItems: number;
  writes: number;
  added: number;
  changed: number;
  removed: number;
  drift: number;
  errors: number;
  /** Live sessions (/ppp/active, /ip/hotspot/active) ended for changes the customer must feel now. */
  sessionsEnded?: number;
  durationMs: number;
  /** Milliseconds per phase: claim, database read, router read, diff, router writes, bookkeeping. */
  phases?: { claim: number; load: number; read: number; diff: number; write: number; save: number };
}
