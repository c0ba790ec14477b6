// One of the two patches we apply to node-routeros 1.6.9 (reached through routeros-client's re-exports;
// the other is connector-guard.ts):
// its Receiver's byte handling is replaced by SentenceReader plus a dispatcher that
//  - drops the `!empty` reply of RouterOS 7.18+ (the library throws on it inside the socket's
//    data handler, killing the process),
//  - drops replies for tags nobody reads any more instead of throwing (late replies),
//  - reports `!fatal` with its message before the library closes the connection,
//  - turns any exception in a reader into a socket error instead of an uncaught exception.
// Guarded: applied once per process, and only if the Receiver still has the shape we rely on.
import { EventEmitter } from "node:events";
import { Receiver } from "routeros-client";
import { SentenceReader } from "./sentence-reader";

/** Emitted on the socket with the router's message when a `!fatal` arrives. */
export const FATAL_EVENT = "isp:routeros-fatal";

const PATCHED = Symbol.for("isp.routeros.wire-patch");

interface TagReader {
  callback: (packet: string[]) => void;
}

interface ReceiverInternals {
  socket: EventEmitter & { destroy?: (error?: Error) => void };
  tags: Map<string, TagReader>;
}

interface ReceiverPrototype {
  processRawData: (this: ReceiverInternals, data: Buffer) => void;
  read?: unknown;
  stop?: unknown;
  [PATCHED]?: true;
}

const readers = new WeakMap<ReceiverInternals, SentenceReader>();

export function isWirePatched(): boolean {
  return (Receiver.prototype as unknown as ReceiverPrototype)[PATCHED] === true;
}

export function ensureWirePatched(): void {
  const proto = Receiver.prototype as unknown as ReceiverPrototype;
  if (proto[PATCHED]) return;
  const probe = new Receiver(new EventEmitter() as never) as unknown as ReceiverInternals;
  if (
    typeof proto.processRawData !== "function" ||
    typeof proto.read !== "function" ||
    typeof proto.stop !== "function" ||
    !(probe.tags instanceof Map) ||
    !(probe.socket instanceof EventEmitter)
  ) {
    throw new Error("routeros adapter: node-routeros Receiver has changed shape; review lib/routeros/wire-patch.ts before upgrading");
  }
  proto.processRawData = function processRawData(this: ReceiverInternals, data: Buffer) {
    let reader = readers.get(this);
    if (!reader) {
      reader = new SentenceReader();
      readers.set(this, reader);
    }
    let sentences: string[][];
    try {
      sentences = reader.push(data);
    } catch (error) {
      failSocket(this, error);
      return;
    }
    for (const sentence of sentences) dispatch(this, sentence);
  };
  Object.defineProperty(proto, PATCHED, { value: true });
}

/** Routes one sentence the way the library's Channel expects: [reply, ...attribute words]. */
export function dispatch(receiver: ReceiverInternals, sentence: string[]): void {
  const [reply, ...words] = sentence;
  if (!reply?.startsWith("!") || reply === "!empty") return;
  let tag: string | undefined;
  const attributes: string[] = [];
  for (const word of words) {
    if (word.startsWith(".tag=")) tag = word.slice(5);
    else attributes.push(word);
  }
  if (reply === "!fatal") {
    const message = attributes.map((w) => w.replace(/^=message=/, "")).join(" ").trim();
    receiver.socket.emit(FATAL_EVENT, message);
    receiver.socket.emit("fatal"); // the library's own path: Connector closes and reports 'close'
    return;
  }
  if (tag === undefined) return;
  const target = receiver.tags.get(tag);
  if (!target) return;
  try {
    target.callback([reply, ...attributes]);
  } catch (error) {
    failSocket(receiver, error);
  }
}

function failSocket(receiver: ReceiverInternals, error: unknown): void {
  const err = error instanceof Error ? error : new Error(String(error));
  if (typeof receiver.socket.destroy === "function") receiver.socket.destroy(err);
}
