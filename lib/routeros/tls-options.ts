import type { ConnectionOptions } from "node:tls";
import { isIP } from "node:net";
import { RouterOsValueError } from "./errors";
import type { RouterTls } from "./types";

// OpenSSL 3 refuses anonymous DH at its default security level; RouterOS's anonymous API-SSL
// offers ADH-AES256-GCM-SHA384, which exists only up to TLS 1.2.
const ANONYMOUS_DH: ConnectionOptions = { ciphers: "ADH-AES256-GCM-SHA384:@SECLEVEL=0", maxVersion: "TLSv1.2", rejectUnauthorized: false };

export function tlsConnectionOptions(tls: RouterTls | undefined, host: string): ConnectionOptions | undefined {
  if (!tls) return undefined;
  const modes = [tls.ca !== undefined, tls.insecure === true, tls.anonymous === true].filter(Boolean).length;
  if (modes > 1) throw new RouterOsValueError("tls", "choose one of a pinned ca, insecure or anonymous");
  if (tls.anonymous) return { ...ANONYMOUS_DH };
  if (tls.insecure) return { rejectUnauthorized: false };
  if (tls.ca !== undefined) {
    if (!tls.ca.includes("-----BEGIN CERTIFICATE-----")) throw new RouterOsValueError("tls.ca", "expected a PEM certificate");
    // The pinned CA is the trust anchor; routers are addressed by IP and their certificates
    // rarely name it, so the host name check is skipped.
    return { ca: tls.ca, rejectUnauthorized: true, checkServerIdentity: () => undefined };
  }
  return { rejectUnauthorized: true, ...(isIP(host) ? {} : { servername: host }) };
}

export function defaultPort(tls: RouterTls | undefined): number {
  return tls ? 8729 : 8728;
}
