import { describe, expect, it } from "vitest";
import { decodeLength, encodeLength, encodeSentence, encodeWord, SentenceDecoder, WireError } from "./wire";

describe("word length encoding", () => {
  const boundaries: [number, number[]][] = [
    [0, [0x00]],
    [0x7f, [0x7f]],
    [0x80, [0x80, 0x80]],
    [0x3fff, [0xbf, 0xff]],
    [0x4000, [0xc0, 0x40, 0x00]],
    [0x1fffff, [0xdf, 0xff, 0xff]],
    [0x200000, [0xe0, 0x20, 0x00, 0x00]],
    [0xfffffff, [0xef, 0xff, 0xff, 0xff]],
    [0x10000000, [0xf0, 0x10, 0x00, 0x00, 0x00]],
    [0xffffffff, [0xf0, 0xff, 0xff, 0xff, 0xff]],
  ];

  it.each(boundaries)("encodes %i as its RouterOS prefix and decodes it back", (length, bytes) => {
    const encoded = encodeLength(length);
    expect([...encoded]).toEqual(bytes);
    expect(decodeLength(encoded)).toEqual({ length, size: bytes.length });
  });

  it("reports an incomplete prefix as not ready, at every cut", () => {
    for (const [length, bytes] of boundaries) {
      for (let cut = 0; cut < bytes.length; cut++) expect(decodeLength(Buffer.from(bytes.slice(0, cut))), `${length} cut ${cut}`).toBeUndefined();
    }
  });

  it("rejects reserved control bytes", () => {
    expect(() => decodeLength(Buffer.from([0xf8]))).toThrow(WireError);
    expect(() => decodeLength(Buffer.from([0xff]))).toThrow(WireError);
  });

  it.each([0x7f, 0x80, 0x3fff, 0x4000, 0x1fffff, 0x200000])("round-trips a real word of %i bytes through the decoder", (n) => {
    const word = "x".repeat(n - 1) + "y";
    const d = new SentenceDecoder();
    const sentence = Buffer.concat([encodeWord("/cmd"), encodeWord(word), Buffer.from([0])]);
    expect(encodeWord(word).length).toBe(n + encodeLength(n).length);
    expect(d.push(sentence)).toEqual([["/cmd", word]]);
  });
});

describe("SentenceDecoder", () => {
  const sentences = [["/login", "=name=admin", "=password=", ".tag=1"], ["!re", "=name=" + "n".repeat(200), "=x=" + "é".repeat(0x90)], ["!done"]];
  const stream = Buffer.concat(sentences.map(encodeSentence));

  it("decodes the same sentences whatever the split point", () => {
    for (let cut = 0; cut <= stream.length; cut++) {
      const d = new SentenceDecoder();
      const got = [...d.push(stream.subarray(0, cut)), ...d.push(stream.subarray(cut))];
      expect(got, `cut at ${cut}`).toEqual(sentences);
      expect(d.buffered).toBe(0);
    }
  });

  it("decodes a stream fed one byte at a time", () => {
    const d = new SentenceDecoder();
    const got = [];
    for (let i = 0; i < stream.length; i++) got.push(...d.push(stream.subarray(i, i + 1)));
    expect(got).toEqual(sentences);
  });

  it("keeps bytes as they are (latin1 in, latin1 out)", () => {
    const d = new SentenceDecoder();
    const utf8 = Buffer.from("=name=Şükrü", "utf8");
    const raw = Buffer.concat([encodeLength(utf8.length), utf8, Buffer.from([0])]);
    const [s] = d.push(raw);
    expect(Buffer.from(s![0]!, "latin1").toString("utf8")).toBe("=name=Şükrü");
  });

  it("ignores empty sentences", () => {
    const d = new SentenceDecoder();
    expect(d.push(Buffer.concat([Buffer.from([0, 0]), encodeSentence(["!done"])]))).toEqual([["!done"]]);
  });
});
