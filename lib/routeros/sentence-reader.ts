// Cuts the RouterOS API byte stream into sentences (lists of words), whatever the TCP chunking.
// node-routeros's own Receiver loses a sentence when a chunk ends between its last word and the
// terminating empty word, and misreads a length prefix split across chunks (both reproduced in
// sentence-reader.test.ts), so the wire patch hands framing to this class.

const MAX_WORD_BYTES = 64 * 1024 * 1024;
const decoder = new TextDecoder("windows-1252"); // what node-routeros decodes with; we write ASCII only

export class RouterOsProtocolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RouterOsProtocolError";
  }
}

export class SentenceReader {
  private buffer: Buffer = Buffer.alloc(0);
  private words: string[] = [];

  /** Feeds a chunk; returns the sentences it completed, in order. */
  push(chunk: Buffer): string[][] {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    const sentences: string[][] = [];
    let offset = 0;
    for (;;) {
      const header = readLength(this.buffer, offset);
      if (!header) break;
      const start = offset + header.bytes;
      if (this.buffer.length < start + header.length) break;
      offset = start + header.length;
      if (header.length === 0) {
        if (this.words.length > 0) sentences.push(this.words);
        this.words = [];
      } else {
        this.words.push(decoder.decode(this.buffer.subarray(start, offset)));
      }
    }
    this.buffer = offset === this.buffer.length ? Buffer.alloc(0) : Buffer.from(this.buffer.subarray(offset));
    return sentences;
  }
}

/** Length prefix at offset, or null when the chunk ends inside it. */
export function readLength(buf: Buffer, offset: number): { length: number; bytes: number } | null {
  if (offset >= buf.length) return null;
  const b = buf[offset]!;
  let bytes: number;
  let length: number;
  if (b < 0x80) {
    return { length: b, bytes: 1 };
  } else if ((b & 0xc0) === 0x80) {
    bytes = 2;
    length = b & 0x3f;
  } else if ((b & 0xe0) === 0xc0) {
    bytes = 3;
    length = b & 0x1f;
  } else if ((b & 0xf0) === 0xe0) {
    bytes = 4;
    length = b & 0x0f;
  } else if (b === 0xf0) {
    bytes = 5;
    length = 0;
  } else {
    throw new RouterOsProtocolError(`control byte 0x${b.toString(16)} in the API stream`);
  }
  if (offset + bytes > buf.length) return null;
  for (let i = 1; i < bytes; i++) length = length * 256 + buf[offset + i]!;
  if (length > MAX_WORD_BYTES) throw new RouterOsProtocolError(`word of ${length} bytes in the API stream`);
  return { length, bytes };
}

/** The encoding side, for tests and tools: one sentence as bytes. */
export function encodeSentence(words: string[]): Buffer {
  const parts: Buffer[] = [];
  for (const word of words) {
    const body = Buffer.from(word, "latin1");
    parts.push(encodeLength(body.length), body);
  }
  parts.push(Buffer.from([0]));
  return Buffer.concat(parts);
}

export function encodeLength(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  if (n < 0x4000) return Buffer.from([(n >> 8) | 0x80, n & 0xff]);
  if (n < 0x200000) return Buffer.from([(n >> 16) | 0xc0, (n >> 8) & 0xff, n & 0xff]);
  if (n < 0x10000000) return Buffer.from([(n >>> 24) | 0xe0, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff]);
  return Buffer.from([0xf0, (n >>> 24) & 0xff, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff]);
}
