// Reads each managed menu once (only the fields we manage) and keeps the items that carry our
// owner tag. Items without it are somebody else's: they are never indexed, so never touched.
import { parseOwnerTags, type RawApi } from "@/lib/routeros";
import { isUuid } from "@/lib/db";
import { CAPTIVE_OWNER_ID, itemKey, packageOfFupOwner } from "./desired-state";
import { MANAGED_MENUS, MENU_ORDER, type MenuName } from "./managed-menus";
import type { ItemOwner } from "./provisioning.types";

export interface RouterItem {
  /** RouterOS .id */
  id: string;
  menu: MenuName;
  key: string;
  owner: ItemOwner;
  /** As printed (RouterOS names, raw strings). */
  fields: Record<string, string>;
}

export interface RouterSnapshot {
  /** Our items by key; more than one means duplicates (the extra ones go). */
  byKey: Map<string, RouterItem[]>;
  /** Our items found. */
  count: number;
  /** Rows printed, ours or not. */
  rowsRead: number;
}

/** Our tag on an item, or null. Only our own id shapes count: a customer or package UUID, a package's fair-use profile, or the captive profile. */
export function ownerOf(comment: string | undefined, menu: MenuName): ItemOwner | null {
  const profile = MANAGED_MENUS[menu].profile;
  for (const tag of parseOwnerTags(comment)) {
    if (profile && tag.kind === "pkg" && (isUuid(packageOfFupOwner(tag.id) ?? tag.id) || tag.id === CAPTIVE_OWNER_ID)) return { kind: "pkg", id: tag.id.toLowerCase() };
    if (!profile && tag.kind === "cust" && isUuid(tag.id)) return { kind: "cust", id: tag.id.toLowerCase() };
  }
  return null;
}

/** Items of untagged menus that are ours, by name (the names we gave or would give them). */
export type NameOwners = Partial<Record<MenuName, ReadonlyMap<string, ItemOwner>>>;

export async function readRouterItems(api: RawApi, nameOwners: NameOwners = {}, menus: readonly MenuName[] = MENU_ORDER): Promise<RouterSnapshot> {
  const snapshot: RouterSnapshot = { byKey: new Map(), count: 0, rowsRead: 0 };
  const printed = await Promise.all(
    menus.map(async (menu) => {
      const spec = MANAGED_MENUS[menu];
      const proplist = [".id", ...(spec.tagged ? ["comment"] : []), "dynamic", ...Object.keys(spec.fields)];
      return { menu, rows: await api.print(spec.path, { proplist }) };
    }),
  );
  for (const { menu, rows } of printed) {
    snapshot.rowsRead += rows.length;
    for (const row of rows) {
      if (row.dynamic === "true" || row.dynamic === "yes") continue; // made by the router, not by anyone's hand
      const owner = MANAGED_MENUS[menu].tagged ? ownerOf(row.comment, menu) : (nameOwners[menu]?.get(row[MANAGED_MENUS[menu].labelField] ?? "") ?? null);
      if (!owner) continue;
      const key = itemKey(menu, owner);
      const item: RouterItem = { id: row[".id"]!, menu, key, owner, fields: row };
      const list = snapshot.byKey.get(key);
      if (list) list.push(item);
      else snapshot.byKey.set(key, [item]);
      snapshot.count++;
    }
  }
  return snapshot;
}
