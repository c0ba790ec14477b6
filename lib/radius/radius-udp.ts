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

export type SendOptions = {
  host?: string;
  port: number;
  secret: string;
  from?: string;
  timeoutMs?: number;
  retries?: number;
  /** Sign the request with a Message-Authenticator (default: Access-Requests only). */
  messageAuthenticator?: boolean;
  /**
   * Take an answer whose Response Authenticator (and Message-Authenticator, when the request had
   * one) does not verify with the secret. Only tests that show what an attacker would see do.
   */
  unverified?: boolean;
};

/** The answer is signed with the secret over our request (RFC 2865 3; RFC 3579 3.2). */
function verifiedReply(request: Buffer, response: Buffer, secret: string): boolean {
  try {
    return radius.verify_response({ request, response: Buffer.from(response), secret }) === true;
  } catch {
    return false;
  }
}

export async function sendRadius(code: string, attributes: RadiusAttribute[], options: SendOptions): Promise<RadiusReply | null> {
  loadDictionaries();
  const identifier = Math.floor(Math.random() * 256);
  const packet = radius.encode({ code, secret: options.secret, identifier, attributes, add_message_authenticator: options.messageAuthenticator ?? code === "Access-Request" });
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
          // A forged or garbled answer does not end the wait: only one signed with our secret does.
          if (msg[1] !== identifier || (!options.unverified && !verifiedReply(packet, msg, options.secret))) return;
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
