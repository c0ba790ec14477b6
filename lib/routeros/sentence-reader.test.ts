import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { RouterOsProtocolError, SentenceReader, encodeLength, encodeSentence, readLength } from "./sentence-reader";

const long = `=comment=${"x".repeat(300)}`; // 2-byte length
const huge = `=script=${"y".repeat(20_000)}`; // 3-byte length
const sentences = [
  ["!re", "=.id=*1", "=name=0712345678", ".tag=a1"],
  ["!re", long, ".tag=a1"],
  ["!empty", ".tag=a2"],
  ["!re", huge, ".tag=a1"],
  ["!done", ".tag=a1"],
];
const stream = Buffer.concat(sentences.map(encodeSentence));

function readAll(chunks: Buffer[]): string[][] {
  const reader = new SentenceReader();
  return chunks.flatMap((c) => reader.push(c));
}

describe("SentenceReader", () => {
  it("reads whole sentences from one chunk", () => {
    expect(readAll([stream])).toEqual(sentences);
  });

  it("gives the same sentences whichever byte the stream is split at", () => {
    for (let cut = 1; cut < stream.length; cut += cut < 400 ? 1 : 97) {
      expect(readAll([stream.subarray(0, cut), stream.subarray(cut)])).toEqual(sentences);
    }
  });

  it("copes with one byte at a time and with odd chunk sizes", () => {
    const small = Buffer.concat(sentences.filter((s) => s[1] !== huge).map(encodeSentence));
    expect(readAll([...small].map((b) => Buffer.from([b])))).toEqual(sentences.filter((s) => s[1] !== huge));
    const chunks: Buffer[] = [];
    for (let i = 0, n = 0; i < stream.length; n++) {
      const size = [1, 2, 3, 5, 7, 4096][n % 6]!;
      chunks.push(stream.subarray(i, i + size));
      i += size;
    }
    expect(readAll(chunks)).toEqual(sentences);
  });

  it("decodes every length form", () => {
    for (const n of [0, 1, 0x7f, 0x80, 0x3fff, 0x4000, 0x1fffff, 0x200000, 0x3ffffff]) {
      expect(readLength(encodeLength(n), 0)).toEqual({ length: n, bytes: encodeLength(n).length });
    }
    expect(encodeLength(0xfffffff)).toHaveLength(4);
    expect(encodeLength(0x10000000)).toEqual(Buffer.from([0xf0, 0x10, 0, 0, 0]));
    // Words past 64 MiB are refused rather than buffered.
    expect(() => readLength(encodeLength(0x10000000), 0)).toThrow(RouterOsProtocolError);
    expect(readLength(encodeLength(0x4000).subarray(0, 2), 0)).toBeNull();
  });

  it("refuses control bytes instead of misreading the stream", () => {
    expect(() => new SentenceReader().push(Buffer.from([0xf8, 0, 0]))).toThrow(RouterOsProtocolError);
  });

  it("decodes bytes as Windows-1252, like node-routeros", () => {
    const bytes = Buffer.concat([encodeLength(9), Buffer.from("=name=Jo"), Buffer.from([0xe9]), Buffer.from([0])]);
    expect(new SentenceReader().push(bytes)).toEqual([["=name=Joé"]]);
  });
});

// Why the wire patch replaces node-routeros's framing: its Receiver, fed the same bytes in
// chunks a TCP socket can deliver, loses the final `!done` (so the call would hang) and throws
// on a reply for a tag nobody reads. Run in a child process: this process may hold the patch.
describe("node-routeros 1.6.9 Receiver, unpatched", () => {
  const script = `
    const { Receiver } = require("routeros-client");
    const { EventEmitter } = require("node:events");
    const enc = (w) => { const b = Buffer.from(w, "latin1"); return Buffer.concat([Buffer.from([b.length]), b]); };
    const sentence = (ws) => Buffer.concat([...ws.map(enc), Buffer.from([0])]);
    const all = Buffer.concat([sentence(["!re", "=name=a", ".tag=t1"]), sentence(["!done", ".tag=t1"])]);
    const run = (chunks) => { const r = new Receiver(new EventEmitter()); const got = []; r.read("t1", (p) => got.push(p[0])); chunks.forEach((c) => r.processRawData(c)); return got; };
    const out = { whole: run([all]), splitBeforeEnd: run([all.subarray(0, all.length - 1), all.subarray(all.length - 1)]), bytewise: run([...all].map((b) => Buffer.from([b]))) };
    try { new Receiver(new EventEmitter()).processRawData(sentence(["!done", ".tag=nobody"])); out.unknownTag = "ok"; } catch (e) { out.unknownTag = e.message; }
    console.log(JSON.stringify(out));
  `;

  it("loses sentences split at chunk ends and throws on unknown tags", () => {
    const out = JSON.parse(execFileSync(process.execPath, ["-e", script], { cwd: process.cwd(), encoding: "utf8" }));
    expect(out.whole).toEqual(["!re", "!done"]);
    expect(out.splitBeforeEnd).toEqual(["!re"]);
    expect(out.bytewise).not.toEqual(["!re", "!done"]);
    expect(out.unknownTag).toMatch(/unregistered tag/);
  });
});
