import { describe, expect, expectTypeOf, it } from "vitest";
import { RouterOsValueError } from "./errors";
import { decodeRow, decodeValue, encodeFields, encodeValue, type InputOf, type RowOf } from "./fields";
import { PPP_SECRET } from "./menus-ppp";
import { SIMPLE_QUEUE } from "./menus-ip";
import { HOTSPOT_ACTIVE } from "./menus-hotspot";

describe("field values", () => {
  it("keeps text exactly as the router wrote it", () => {
    expect(decodeValue("text", "0712345678")).toBe("0712345678");
    expect(decodeValue("text", "0042")).toBe("0042");
    expect(decodeValue("text", "1e3")).toBe("1e3");
  });

  it("reads both boolean spellings and writes yes/no", () => {
    expect(decodeValue("flag", "yes")).toBe(true);
    expect(decodeValue("flag", "true")).toBe(true);
    expect(decodeValue("flag", "no")).toBe(false);
    expect(decodeValue("flag", "false")).toBe(false);
    expect(decodeValue("flag", "maybe")).toBeUndefined();
    expect(encodeValue("flag", true, "f")).toBe("yes");
    expect(encodeValue("flag", false, "f")).toBe("no");
  });

  it("converts numbers only where declared", () => {
    expect(decodeValue("int", "18446744")).toBe(18446744);
    expect(decodeValue("int", "12.5")).toBeUndefined();
    expect(decodeValue("duration", "1w2d3h4m5s")).toBe(788645);
    expect(decodeValue("duration", "never")).toBeUndefined();
    expect(decodeValue("updown", "1200/34000")).toEqual({ upload: 1200, download: 34000 });
    expect(encodeValue("duration", 3600, "t")).toBe("1h");
    expect(encodeValue("int", 0, "n")).toBe("0");
  });

  it("refuses values of the wrong type or outside ASCII", () => {
    expect(() => encodeValue("text", 712345678, "name")).toThrow(RouterOsValueError);
    expect(() => encodeValue("text", "Zoë", "comment")).toThrow(RouterOsValueError);
    expect(() => encodeValue("int", 1.5, "n")).toThrow(RouterOsValueError);
    expect(() => encodeValue("flag", "yes", "f")).toThrow(RouterOsValueError);
    expect(() => encodeValue("duration", -1, "t")).toThrow(RouterOsValueError);
  });
});

describe("field maps", () => {
  it("maps wire rows to our rows: camelCase, raw strings, declared conversions", () => {
    const row = decodeRow(PPP_SECRET.fields, {
      ".id": "*1A",
      name: "0712345678",
      password: "0042",
      "caller-id": "AA:BB:CC:00:11:22",
      "remote-address": "10.1.0.7",
      "limit-bytes-in": "0",
      disabled: "true",
      "last-logged-out": "2025-01-01 00:00:00",
      "some-new-field": "x",
    });
    expect(row).toEqual({
      id: "*1A",
      name: "0712345678",
      password: "0042",
      callerId: "AA:BB:CC:00:11:22",
      remoteAddress: "10.1.0.7",
      limitBytesIn: 0,
      disabled: true,
      lastLoggedOut: "2025-01-01 00:00:00",
    });
  });

  it("fills flags and required text the router left out", () => {
    expect(decodeRow(PPP_SECRET.fields, { ".id": "*2" })).toEqual({ id: "*2", name: "", disabled: false });
  });

  it("writes kebab-case words and refuses read-only or unknown fields", () => {
    expect(encodeFields("/ppp/secret", PPP_SECRET.fields, { name: "0712", callerId: "", disabled: false, comment: undefined })).toEqual({
      name: "0712",
      "caller-id": "",
      disabled: "no",
    });
    expect(() => encodeFields("/ppp/secret", PPP_SECRET.fields, { lastLoggedOut: "x" })).toThrow("is read-only");
    expect(() => encodeFields("/ppp/secret", PPP_SECRET.fields, { callerID: "x" })).toThrow("not a field of this menu");
  });

  it("reads queue counters as upload/download pairs", () => {
    const q = decodeRow(SIMPLE_QUEUE.fields, { ".id": "*5", name: "c1", target: "10.0.0.2/32", "max-limit": "5000000/10000000", bytes: "100/2000", disabled: "false" });
    expect(q.bytes).toEqual({ upload: 100, download: 2000 });
    expect(q.maxLimit).toBe("5000000/10000000");
  });

  it("derives the row and input types from the map", () => {
    type Secret = RowOf<typeof PPP_SECRET.fields>;
    type SecretInput = InputOf<typeof PPP_SECRET.fields>;
    expectTypeOf<Secret["id"]>().toEqualTypeOf<string>();
    expectTypeOf<Secret["name"]>().toEqualTypeOf<string>();
    expectTypeOf<Secret["disabled"]>().toEqualTypeOf<boolean>();
    expectTypeOf<Secret["limitBytesIn"]>().toEqualTypeOf<number | undefined>();
    expectTypeOf<SecretInput>().toHaveProperty("name");
    expectTypeOf<SecretInput>().not.toHaveProperty("lastLoggedOut");
    expectTypeOf<SecretInput>().not.toHaveProperty("id");
    expectTypeOf<{ name: string }>().toMatchTypeOf<SecretInput>();
    type Active = RowOf<typeof HOTSPOT_ACTIVE.fields>;
    expectTypeOf<Active["uptime"]>().toEqualTypeOf<number | undefined>();
    expectTypeOf<InputOf<typeof HOTSPOT_ACTIVE.fields>>().toEqualTypeOf<{ comment?: string }>();
    type Queue = RowOf<typeof SIMPLE_QUEUE.fields>;
    expectTypeOf<Queue>().not.toHaveProperty("placeBefore");
    expectTypeOf<InputOf<typeof SIMPLE_QUEUE.fields>>().toHaveProperty("placeBefore");
  });
});
