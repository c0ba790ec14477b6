import { describe, expect, it } from "vitest";
import { RouterOsError, isNoSuchItem, isRouterOsError, isTlsFailure, socketErrorReason, trapError } from "./errors";

describe("RouterOsError", () => {
  it("keeps the trap's message and category", () => {
    const e = trapError("/ppp/secret/add", { message: "failure: secret with the same name already exists", category: "4" }, "r1");
    expect(e).toBeInstanceOf(Error);
    expect(e.message).toBe("trap on /ppp/secret/add: failure: secret with the same name already exists");
    expect(e).toMatchObject({ kind: "trap", category: 4, command: "/ppp/secret/add", routerId: "r1", detail: "failure: secret with the same name already exists" });
    expect(isRouterOsError(e, "trap")).toBe(true);
    expect(isRouterOsError(e, "auth")).toBe(false);
  });

  it("knows RouterOS's missing-item trap", () => {
    expect(isNoSuchItem(trapError("/ppp/secret/remove", { message: "no such item" }))).toBe(true);
    expect(isNoSuchItem(trapError("/ppp/secret/remove", { message: "no such item (4)" }))).toBe(true);
    expect(isNoSuchItem(trapError("/ppp/secret/add", { message: "failure: already have such entry" }))).toBe(false);
    expect(isNoSuchItem(new RouterOsError("closed", "no such item"))).toBe(false);
  });

  it("tolerates a trap without message or category", () => {
    expect(trapError("/x", {}).message).toBe("trap on /x: no message");
    expect(trapError("/x", { category: "abc" }).category).toBeUndefined();
  });
});

describe("socketErrorReason", () => {
  it("names the errno that node-routeros leaves with an empty message on Node 20", () => {
    // what RosException(err.errno, err) looks like for a refused connection
    const wrapped = Object.assign(new Error(""), { errno: -111 });
    expect(socketErrorReason(wrapped)).toBe("ECONNREFUSED");
    expect(socketErrorReason(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), { code: "ECONNREFUSED", errno: -111 }))).toBe("ECONNREFUSED");
    expect(socketErrorReason(Object.assign(new Error("getaddrinfo ENOTFOUND nowhere"), { code: "ENOTFOUND" }))).toBe("ENOTFOUND");
  });

  it("tells TLS failures apart and keeps their text", () => {
    const tls = Object.assign(new Error("self-signed certificate"), { code: "DEPTH_ZERO_SELF_SIGNED_CERT" });
    expect(socketErrorReason(tls)).toBe("DEPTH_ZERO_SELF_SIGNED_CERT: self-signed certificate");
    expect(isTlsFailure(tls)).toBe(true);
    expect(isTlsFailure(Object.assign(new Error("x"), { code: "ECONNRESET" }))).toBe(false);
  });

  it("falls back to the message", () => {
    expect(socketErrorReason(new Error("reader bug"))).toBe("reader bug");
    expect(socketErrorReason(undefined)).toBe("unknown error");
  });
});
