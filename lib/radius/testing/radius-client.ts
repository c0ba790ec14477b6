// A small RADIUS client over UDP for tests and benchmarks, sending from a chosen loopback address
// (so one machine can play several routers). Uses the npm `radius` package for packet encoding.
import dgram from "node:dgram";
import { createHash, randomBytes } from "node:crypto";
import radius from "radius";
import { mschapv2Attributes } from "./mschapv2";

let dictionariesLoaded = false;
function loadDictionaries() {
  if (dictionariesLoaded) return;
  radius.add_dictionary("/usr/share/freeradius/dictionary.mikrotik");
  radius.add_dictionary("/usr/share/freeradius/dictionary.microsoft");
  dictionariesLoaded = true;
}

export type RadiusReply = { code: string; attributes: Record<string, unknown> };
export type RadiusAttribute = [string, unknown] | [string, number, [string, unknown][]];

export type SendOptions = { host?: string; port: number; secret: string; from?: string; timeoutMs?: number; retries?: number };

export async function sendRadius(code: string, attributes: RadiusAttribute[], options: SendOptions): Promise<RadiusReply | null> {
  loadDictionaries();
  const identifier = Math.floor(Math.random() * 256);
  const packet = radius.encode({ code, secret: options.secret, identifier, attributes, add_message_authenticator: code === "Access-Request" });
  const socket = dgram.createSocket("udp4");
  await new Promise<void>((resolve, reject) => {
    socket.once("error", reject);
    socket.bind(0, options.from ?? "127.0.0.1", () => resolve());
  });
  try {
    for (let attempt = 0; attempt <= (options.retries ?? 1); attempt++) {
      const reply = await new Promise<Buffer | null>((resolve) => {
        const timer = setTimeout(() => {
          socket.removeAllListeners("message");
          resolve(null);
        }, options.timeoutMs ?? 1500);
        socket.on("message", (msg) => {
          if (msg[1] !== identifier) return;
          clearTimeout(timer);
          socket.removeAllListeners("message");
          resolve(msg);
        });
        socket.send(packet, options.port, options.host ?? "127.0.0.1");
      });
      if (reply) {
        const decoded = radius.decode({ packet: reply, secret: options.secret });
        return { code: decoded.code, attributes: decoded.attributes };
      }
    }
    return null; // no answer: a wrong secret or an unknown router is silently dropped
  } finally {
    socket.close();
  }
}

export function papAttributes(username: string, password: string): RadiusAttribute[] {
  return [
    ["User-Name", username],
    ["User-Password", password],
  ];
}

export function chapAttributes(username: string, password: string): RadiusAttribute[] {
  const id = randomBytes(1);
  const challenge = randomBytes(16);
  const hash = createHash("md5").update(id).update(password).update(challenge).digest();
  return [
    ["User-Name", username],
    ["CHAP-Password", Buffer.concat([id, hash])],
    ["CHAP-Challenge", challenge],
  ];
}

export function mschapv2RequestAttributes(username: string, password: string): RadiusAttribute[] {
  const { challenge, response } = mschapv2Attributes(username, password);
  return [
    ["User-Name", username],
    ["Vendor-Specific", 311, [["MS-CHAP-Challenge", challenge], ["MS-CHAP2-Response", response]]],
  ];
}
