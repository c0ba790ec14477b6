import { describe, expect, it } from "vitest";
import { _internals, ntPasswordHash } from "./mschapv2";

describe("MS-CHAPv2 primitives (test tooling)", () => {
  it("MD4 matches RFC 1320", () => {
    expect(_internals.md4(Buffer.from("")).toString("hex")).toBe("31d6cfe0d16ae931b73c59d7e0c089c0");
    expect(_internals.md4(Buffer.from("abc")).toString("hex")).toBe("a448017aaf21d8525fc10ae87aa6729d");
    expect(_internals.md4(Buffer.from("12345678901234567890123456789012345678901234567890123456789012345678901234567890")).toString("hex")).toBe(
      "e33b4ddc9c38f2199c3e7b164fcc0536",
    );
  });
  it("DES matches the classic test vector", () => {
    const out = _internals.desEncryptBlock(Buffer.from("133457799BBCDFF1", "hex"), Buffer.from("0123456789ABCDEF", "hex"));
    expect(out.toString("hex")).toBe("85e813540f0ab405");
  });
  it("the NT password hash matches RFC 2759's example", () => {
    expect(ntPasswordHash("clientPass").toString("hex").toUpperCase()).toBe("44EBBA8D5312B8D611474411F56989AE");
  });
});
