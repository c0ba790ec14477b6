// The tenant as its documents print it: the ISP's name, the legal details and logo from its
// billing settings, its locale, zone and currency.
import type { Tx } from "@/lib/db";
import type { DocumentLogo, DocumentTenant } from "@/lib/documents/types";

const LOGO_MIMES = new Set(["image/png", "image/jpeg"]);

export async function documentTenant(tx: Tx, tenantId: string): Promise<DocumentTenant> {
  const [tenant, settings] = await Promise.all([
    tx.tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { name: true, locale: true, timezone: true, currency: true } }),
    tx.billingSettings.findUnique({ where: { tenantId } }),
  ]);
  const logo: DocumentLogo | null =
    settings?.logo && settings.logoMime && LOGO_MIMES.has(settings.logoMime) ? { bytes: new Uint8Array(settings.logo), mime: settings.logoMime as DocumentLogo["mime"] } : null;
  return {
    name: tenant.name,
    legalName: settings?.legalName ?? null,
    address: settings?.legalAddress ?? null,
    taxId: settings?.taxId ?? null,
    phone: settings?.phone ?? null,
    email: settings?.email ?? null,
    logo,
    locale: tenant.locale,
    timeZone: tenant.timezone,
    currency: tenant.currency,
  };
}

/** A document's number as a download file name: the characters a file system accepts. */
export function documentFileName(number: string, ext: string): string {
  const safe = number.replace(/[^A-Za-z0-9._-]+/g, "-").replace(/^-+|-+$/g, "") || "document";
  return `${safe}.${ext}`;
}
