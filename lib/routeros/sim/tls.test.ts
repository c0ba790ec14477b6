import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ANON_TLS, startRouterSim } from "./index";
import { RawClient, typesOf } from "./raw-client";

function selfSigned(): { key: string; cert: string } | undefined {
  const dir = mkdtempSync(path.join(tmpdir(), "routeros-sim-tls-"));
  try {
    const keyFile = path.join(dir, "key.pem");
    const certFile = path.join(dir, "cert.pem");
    execFileSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=sim", "-days", "1", "-keyout", keyFile, "-out", certFile], { stdio: "ignore" });
    return { key: readFileSync(keyFile, "utf8"), cert: readFileSync(certFile, "utf8") };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined; // no openssl CLI
    throw e;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const cert = selfSigned();
const sims: { close(): Promise<void> }[] = [];

afterAll(async () => {
  for (const s of sims) await s.close();
});

describe("api-ssl", () => {
  it.skipIf(!cert)("serves TLS with a self-signed certificate that a pinned client accepts", async () => {
    const sim = await startRouterSim({ tls: cert!, users: [{ name: "api", password: "pw" }] });
    sims.push(sim);
    const c = await RawClient.login(sim.port, "api", "pw", { tls: { ca: cert!.cert, checkServerIdentity: () => undefined } });
    expect(typesOf(await c.command(["/system/identity/print"]))).toEqual(["!re", "!done"]);
    c.close();
    // A client that verifies without the pin refuses the certificate.
    await expect(RawClient.connect({ port: sim.port, tls: { rejectUnauthorized: true } })).rejects.toThrow(/self[- ]signed/i);
  });

  it("serves anonymous DH like api-ssl without a certificate", async () => {
    const sim = await startRouterSim({ tls: "anon" });
    sims.push(sim);
    const c = await RawClient.login(sim.port, "admin", "", { tls: { ...ANON_TLS, rejectUnauthorized: false } });
    expect((c.socket as import("node:tls").TLSSocket).getCipher().name).toBe("ADH-AES256-GCM-SHA384");
    expect(typesOf(await c.command(["/system/identity/print"]))).toEqual(["!re", "!done"]);
    c.close();
    // Default client ciphers have no anonymous suites, so the handshake fails.
    await expect(RawClient.connect({ port: sim.port, tls: { rejectUnauthorized: false } })).rejects.toThrow();
  });
});
