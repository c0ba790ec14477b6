// Our mark on router items, kept in their comment: "isp:cust=1001". .id changes when an item is
// recreated, so we find our items by name or by this tag.

export interface OwnerTag {
  kind: string;
  id: string;
}

const KIND = /^[a-z][a-z0-9-]{0,15}$/;
const ID = /^[A-Za-z0-9._:-]{1,64}$/;
const TAG = /(?:^|[\s;,])isp:([a-z][a-z0-9-]{0,15})=([A-Za-z0-9._:-]{1,64})(?=$|[\s;,])/g;

/** ownerTag("cust", "1001") === "isp:cust=1001" */
export function ownerTag(kind: string, id: string | number): string {
  const value = String(id);
  if (!KIND.test(kind)) throw new RangeError(`owner tag kind must be lower-case letters, digits or "-": "${kind}"`);
  if (!ID.test(value)) throw new RangeError(`owner tag id must be ASCII letters, digits or ._:- (1-64): "${value}"`);
  return `isp:${kind}=${value}`;
}

/** The first tag in a comment (of the given kind, when asked), or null. Other text is allowed around it. */
export function parseOwnerTag(comment: string | undefined | null, kind?: string): OwnerTag | null {
  return parseOwnerTags(comment).find((tag) => kind === undefined || tag.kind === kind) ?? null;
}

export function parseOwnerTags(comment: string | undefined | null): OwnerTag[] {
  if (!comment) return [];
  return [...comment.matchAll(TAG)].map((m) => ({ kind: m[1]!, id: m[2]! }));
}

/** A comment carrying our tag, keeping whatever else an operator wrote there (other tags of the same kind go). */
export function withOwnerTag(comment: string | undefined | null, kind: string, id: string | number): string {
  const tag = ownerTag(kind, id);
  const rest = (comment ?? "")
    .replace(TAG, (whole, k: string) => (k === kind ? whole.replace(/isp:\S+/, "") : whole))
    .replace(/\s+/g, " ")
    .trim();
  return rest ? `${tag} ${rest}` : tag;
}
