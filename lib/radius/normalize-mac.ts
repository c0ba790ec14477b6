/** "aa-bb-cc-dd-ee-ff", "aabb.ccdd.eeff", "AA:BB:CC:DD:EE:FF" -> "AA:BB:CC:DD:EE:FF"; null if not a MAC. */
export function normalizeMac(text: string): string | null {
  const hex = text.replace(/[^0-9a-fA-F]/g, "");
  if (hex.length !== 12 || !/^[0-9a-fA-F:.\-\s]+$/.test(text.trim())) return null;
  return hex.toUpperCase().match(/.{2}/g)!.join(":");
}
