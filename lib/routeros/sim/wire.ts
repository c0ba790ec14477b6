// RouterOS API wire format: length-prefixed words, sentences ended by a zero-length word.
// Shared by the simulator and its raw test client. Words are bytes; we map them to strings
// as latin1 so every byte round-trips unchanged (RouterOS itself stores bytes, not text).

export type Sentence = string[];

/** The largest word we accept; RouterOS lengths go to 0xFFFFFFFF but nothing sane is that big. */
export const MAX_WORD_LENGTH = 64 * 1024 * 1024;

export class WireError extends Error {}

export function encodeLength(length: number): Buffer {
  if (!Number.isInteger(length) || length < 0 || length > 0xffffffff) throw new WireError(`bad word length ${length}`);
  if (length < 0x80) return Buffer.from([length]);
  if (length < 0x4000) {
    const v = length | 0x8000;
    return Buffer.from([(v >>> 8) & 0xff, v & 0xff]);
  }
  if (length < 0x200000) {
    const v = length | 0xc00000;
    return Buffer.from([(v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff]);
  }
  if (length < 0x10000000) {
    const v = (length | 0xe0000000) >>> 0;
    return Buffer.from([(v >>> 24) & 0xff, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff]);
  }
  return Buffer.from([0xf0, (length >>> 24) & 0xff, (length >>> 16) & 0xff, (length >>> 8) & 0xff, length & 0xff]);
}

/**
 * Reads a length prefix at `offset`. Returns undefined when the prefix is not complete yet,
 * throws on a reserved control byte (>= 0xF8).
 */
export function decodeLength(buf: Buffer, offset = 0): { length: number; size: number } | undefined {
  if (offset >= buf.length) return undefined;
  const b = buf[offset]!;
  let size: number;
  if (b < 0x80) return { length: b, size: 1 };
  else if ((b & 0xc0) === 0x80) size = 2;
  else if ((b & 0xe0) === 0xc0) size = 3;
  else if ((b & 0xf0) === 0xe0) size = 4;
  else if (b === 0xf0) size = 5;
  else throw new WireError(`reserved control byte 0x${b.toString(16)}`);
  if (offset + size > buf.length) return undefined;
  let length: number;
  if (size === 5) {
    length = buf.readUInt32BE(offset + 1);
  } else {
    const masks = [0, 0, 0x3f, 0x1f, 0x0f];
    length = b & masks[size]!;
    for (let i = 1; i < size; i++) length = length * 256 + buf[offset + i]!;
  }
  return { length, size };
}

export function encodeWord(word: string): Buffer {
  const body = Buffer.from(word, "latin1");
  return Buffer.concat([encodeLength(body.length), body]);
}

export function encodeSentence(words: readonly string[]): Buffer {
  const parts: Buffer[] = [];
  for (const w of words) {
    const body = Buffer.from(w, "latin1");
    parts.push(encodeLength(body.length), body);
  }
  parts.push(Buffer.from([0]));
  return Buffer.concat(parts);
}

/** Incremental decoder: feed it TCP chunks in any split, get whole sentences back. */
export class SentenceDecoder {
  private pending: Buffer = Buffer.alloc(0);
  private words: string[] = [];

  push(chunk: Buffer): Sentence[] {
    const out: Sentence[] = [];
    let buf = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    let pos = 0;
    for (;;) {
      const prefix = decodeLength(buf, pos);
      if (!prefix) break;
      if (prefix.length > MAX_WORD_LENGTH) throw new WireError(`word of ${prefix.length} bytes is too long`);
      const end = pos + prefix.size + prefix.length;
      if (end > buf.length) break;
      if (prefix.length === 0) {
        // RouterOS ignores empty sentences; so do we.
        if (this.words.length) out.push(this.words);
        this.words = [];
      } else {
        this.words.push(buf.toString("latin1", pos + prefix.size, end));
      }
      pos = end;
    }
    buf = buf.subarray(pos);
    // Copy the remainder so a large chunk is not retained for a few leftover bytes.
    this.pending = buf.length ? Buffer.from(buf) : Buffer.alloc(0);
    return out;
  }

  /** Bytes received but not yet part of a complete word. */
  get buffered(): number {
    return this.pending.length;
  }
}

/** Attribute words (`=key=value`) of a sentence as a record; the reply word is skipped. */
export function attributesOf(sentence: Sentence): Record<string, string> {
  const attrs: Record<string, string> = {};
  for (const w of sentence) {
    if (w.startsWith("=")) {
      const eq = w.indexOf("=", 1);
      if (eq === -1) attrs[w.slice(1)] = "";
      else attrs[w.slice(1, eq)] = w.slice(eq + 1);
    }
  }
  return attrs;
}

/** The `.tag=` of a sentence, if any. */
export function tagOf(sentence: Sentence): string | undefined {
  for (const w of sentence) if (w.startsWith(".tag=")) return w.slice(5);
  return undefined;
}
