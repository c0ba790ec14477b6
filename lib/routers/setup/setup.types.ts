// One-click router setup: what we want on a router (the plan), how it compares with what the router
// has (the diff), and what applying it did. Field names are the adapter's (camelCase, typed values).
import type { RadiusSettings } from "@/lib/radius/tenant-radius-settings";

export const SETUP_STEP_IDS = ["radius", "radius-incoming", "ppp-aaa", "pppoe", "hotspot", "walled-garden", "firewall"] as const;
export type SetupStepId = (typeof SETUP_STEP_IDS)[number];

export const SETUP_STEP_TITLES: Record<SetupStepId, string> = {
  radius: "RADIUS client for PPP and hotspot",
  "radius-incoming": "Accept CoA and Disconnect requests",
  "ppp-aaa": "PPP authenticates with RADIUS, with accounting and interim updates",
  pppoe: "PPPoE servers: one session per host",
  hotspot: "Hotspot profiles use RADIUS with MAC authentication",
  "walled-garden": "Walled garden: the payment portal",
  firewall: "Unpaid customers reach only the portal",
};

/** The owner-tag kind of every item setup adds or adopts: `isp:setup=<id>`. */
export const SETUP_TAG_KIND = "setup";

export type TableMenuKey = "radius" | "pppoeServers" | "hotspotProfiles" | "walledGardenIp" | "addressLists" | "firewallFilter";
export type SettingsMenuKey = "radiusIncoming" | "pppAaa";

export type FieldValue = string | number | boolean;
export type FieldValues = Record<string, FieldValue>;

/** What the plan is computed from: the router's row, the ISP's settings and where the app is. */
export type RouterSetupContext = {
  router: { id: string; nasIp: string; radiusSecret: string; coaPort: number };
  /** The FreeRADIUS the router must ask (an IP address: RouterOS takes no host name there). */
  radiusServer: { address: string; authPort: number; acctPort: number };
  /** Host name or IP address of the payment portal, reachable while suspended. */
  portalHost: string;
  settings: Pick<RadiusSettings, "captiveAddressList" | "interimIntervalSeconds">;
  options?: RouterSetupOptions;
  /**
   * API mode with an ARP interface (Sync tab): static customers live on `interface`, and only those
   * in `allowedList` (enabled entries: paid up) may pass; the rest reach the portal and DNS only.
   */
  staticCustomers?: { interface: string; allowedList: string };
  /** Shown with the dry-run (configuration fallbacks in use, and the like). */
  warnings?: string[];
};

export type RouterSetupOptions = {
  /** Add a PPPoE server on this interface when none is there yet. */
  pppoeInterface?: string;
};

/** An item of ours in a table menu: found by its tag, else adopted by its natural key, else added. */
export type PlannedItem = {
  kind: "item";
  menu: TableMenuKey;
  /** Owner-tag id (`isp:setup=<tagId>`); null for menus without comments (found by key only). */
  tagId: string | null;
  /** What it is, in words. */
  label: string;
  /** The natural key: equal values ("" = not set), or for a comma list ({ anyOf }) one shared element. */
  key: Record<string, FieldValue | { anyOf: string[] }>;
  /** Kept as planned on every run; only those that differ are set. */
  fields: FieldValues;
  /** Written only when the item is added. */
  createFields?: FieldValues;
  /** Comma-separated sets: ours must be among them; what else is there stays. */
  listFields?: string[];
  /** Words after the tag in an added item's comment, for whoever reads the router. */
  note?: string;
  /** Firewall rules: added before the router's first rule (or next to ours), never moved afterwards. */
  placeFirst?: boolean;
};

/** A settings menu (one implicit item): fields set when they differ. */
export type PlannedSettings = { kind: "settings"; menu: SettingsMenuKey; label: string; fields: FieldValues };

/** Fields to keep on the router's own items of a menu (every PPPoE server, the hotspot profiles in use). */
export type PlannedEach = {
  kind: "each";
  menu: "pppoeServers" | "hotspotProfiles";
  label: string;
  select: "all" | "used-by-hotspot-servers";
  fields: FieldValues;
  listFields?: string[];
  /** Said when the router has none of them. */
  whenNone?: string;
};

export type PlannedEntry = PlannedItem | PlannedSettings | PlannedEach;
export type PlannedStep = { id: SetupStepId; title: string; entries: PlannedEntry[] };
export type RouterSetupPlan = { steps: PlannedStep[]; warnings: string[] };

// --- the diff ---------------------------------------------------------------------------------

export type SetupAction = "add" | "set" | "none";

/** One row of the dry-run: safe to show (secrets masked). */
export type SetupChangeView = {
  action: SetupAction;
  /** RouterOS menu, e.g. "/radius". */
  menu: string;
  /** What the item is, in words. */
  item: string;
  /** How the item was found: "tag isp:setup=radius", "address=10.0.0.1 service=ppp", "settings", "new". */
  match: string;
  /** RouterOS property -> value: everything for add, only what changes for set. */
  fields: Record<string, string>;
  /** For set: the router's values of the fields that change. */
  current?: Record<string, string>;
};

/** What apply writes for a change. Stays on the server: it carries the RADIUS secret. */
export type SetupWrite =
  | { op: "add"; menu: TableMenuKey; values: FieldValues; placeBefore?: string }
  | { op: "update"; menu: TableMenuKey; id: string; patch: FieldValues }
  | { op: "settings"; menu: SettingsMenuKey; patch: FieldValues };

export type SetupChange = SetupChangeView & { write?: SetupWrite };

export type SetupStepDiff<C extends SetupChangeView = SetupChange> = { id: SetupStepId; title: string; notes: string[]; changes: C[] };

export type RouterSetupDiff<C extends SetupChangeView = SetupChange> = {
  steps: SetupStepDiff<C>[];
  warnings: string[];
  counts: Record<SetupAction, number>;
};

/** The dry-run as the page gets it. */
export type RouterSetupDiffView = RouterSetupDiff<SetupChangeView>;

export type SetupStepResult = {
  id: SetupStepId;
  title: string;
  added: number;
  changed: number;
  unchanged: number;
  changes: SetupChangeView[];
};

/** What the setup page's read actions answer (the dry-run, the progress poll). */
export type SetupActionResult<T> = { ok: true; data: T } | { ok: false; message: string };
