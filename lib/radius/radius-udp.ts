// RADIUS over UDP from Node (npm `radius` for the packets): Disconnect/CoA to routers, and the
// tests' and benchmarks' client. It can send from a chosen address, so one machine can play
// several routers.
import dgram from "node:dgram";
import path from "node:path";
import radius from "radius";

let dictionariesLoaded = false;
function loadDictionaries() {
  if (dictionariesLoaded) return;
  radius.add_dictionary(path.resolve(process.cwd(), "lib/radius/dictionary.isp"));
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
