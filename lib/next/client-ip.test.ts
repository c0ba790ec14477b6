import http, { type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { parseTrustedProxies, resolveClientIp } from "./client-ip";
import { CLIENT_IP_HEADER, clientIpFromStamp, installClientIpStamp, stampRequest } from "./client-ip-stamp";
import { requestIpFromHeaders } from "./request-ip";

describe("resolveClientIp: the rightmost hop that is not a trusted proxy", () => {
  const none = parseTrustedProxies(undefined);
  const proxies = parseTrustedProxies("127.0.0.1, 10.0.0.0/8 fd00::/8");
  it.each([
    // [peer, X-Forwarded-For, trusted, expected]
    ["203.0.113.9", undefined, none, "203.0.113.9"],
    ["203.0.113.9", "1.2.3.4", none, "203.0.113.9"], // a client's own header is ignored
    ["127.0.0.1", "1.2.3.4", none, "127.0.0.1"], // nothing trusted by default, not even loopback
    ["::ffff:203.0.113.9", "1.2.3.4", none, "203.0.113.9"],
    ["10.0.0.2", "1.2.3.4, 198.51.100.7", proxies, "198.51.100.7"], // the proxy appended the real peer
    ["10.0.0.2", "1.2.3.4, 198.51.100.7, 10.9.9.9", proxies, "198.51.100.7"], // two trusted hops
    ["10.0.0.2", "garbage, 10.1.1.1", proxies, "10.1.1.1"], // the chain ends in something unusable
    ["10.0.0.2", "", proxies, "10.0.0.2"],
    ["203.0.113.9", "10.0.0.5", proxies, "203.0.113.9"], // an untrusted peer's header means nothing
    ["fd00::1", "2001:db8::7", proxies, "2001:db8::7"],
    [undefined, "1.2.3.4", proxies, null],
  ] as const)("peer %s, X-Forwarded-For %s", (peer, xff, trusted, expected) => {
    expect(resolveClientIp(peer, xff, trusted)).toBe(expected);
  });

  it("refuses a malformed TRUSTED_PROXIES entry instead of ignoring it", () => {
    for (const bad of ["10.0.0.0/33", "example.com", "10.0.0.0/x", "::1/129"]) expect(() => parseTrustedProxies(bad)).toThrow(/TRUSTED_PROXIES/);
    expect(parseTrustedProxies("").check("127.0.0.1")).toBe(false);
  });
});

describe("the request stamp", () => {
  it("gives handlers the socket peer, whatever X-Forwarded-For, X-Real-IP or stamp header the client sends", async () => {
    installClientIpStamp({});
    const seen: (string | null)[] = [];
    const server = http.createServer((req, res) => {
      seen.push(requestIpFromHeaders(req.headers));
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const spoofs: Record<string, string>[] = [{}, { "x-forwarded-for": "6.6.6.6" }, { "x-real-ip": "6.6.6.6" }, { [CLIENT_IP_HEADER]: "guess 6.6.6.6" }];
      for (const headers of spoofs) {
        await fetch(`http://127.0.0.1:${port}/`, { headers });
      }
    } finally {
      server.close();
    }
    expect(seen).toEqual(["127.0.0.1", "127.0.0.1", "127.0.0.1", "127.0.0.1"]);
  });

  it("follows X-Forwarded-For through trusted proxies only, and an unstamped or forged header is unknown", () => {
    installClientIpStamp({});
    const req = { headers: { "x-forwarded-for": "6.6.6.6, 198.51.100.7" }, socket: { remoteAddress: "10.0.0.2" } } as unknown as IncomingMessage;
    const token = "t0ken";
    stampRequest(req, token, parseTrustedProxies("10.0.0.0/8"));
    expect(req.headers[CLIENT_IP_HEADER]).toBe("t0ken 198.51.100.7");
    // Not the process's token: a client-made stamp is worth nothing.
    expect(clientIpFromStamp(req.headers[CLIENT_IP_HEADER] as string)).toBeNull();
    expect(clientIpFromStamp(undefined)).toBeNull();
  });
});
