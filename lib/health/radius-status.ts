// A Status-Server request (RFC 5997) to FreeRADIUS's status listener: does it answer at all?
// Hand-built (one attribute) so /api/health needs no RADIUS dictionary in the web server.
import { createHash, createHmac, randomBytes } from "node:crypto";
import dgram from "node:dgram";

const STATUS_SERVER = 12;
const ACCESS_ACCEPT = 2;
const MESSAGE_AUTHENTICATOR = 80;

export function statusServerPacket(identifier: number, secret: string, authenticator = randomBytes(16)): Buffer {
  const packet = Buffer.alloc(20 + 18);
  packet.writeUInt8(STATUS_SERVER, 0);
  packet.writeUInt8(identifier, 1);
  packet.writeUInt16BE(packet.length, 2);
  authenticator.copy(packet, 4);
  packet.writeUInt8(MESSAGE_AUTHENTICATOR, 20);
  packet.writeUInt8(18, 21);
  // HMAC-MD5 over the packet with the attribute's value zeroed, then written in.
  createHmac("md5", secret).update(packet).digest().copy(packet, 22);
  return packet;
}

/** True when `reply` answers `request` and is signed with `secret` (Response Authenticator). */
export function isSignedAccept(reply: Buffer, request: Buffer, secret: string): boolean {
  if (reply.length < 20 || reply[0] !== ACCESS_ACCEPT || reply[1] !== request[1]) return false;
  const expected = createHash("md5").update(reply.subarray(0, 4)).update(request.subarray(4, 20)).update(reply.subarray(20)).update(secret).digest();
  return expected.equals(reply.subarray(4, 20));
}

export async function radiusStatus(options: { host: string; port: number; secret: string; timeoutMs?: number }): Promise<boolean> {
  const request = statusServerPacket(randomBytes(1)[0]!, options.secret);
  const socket = dgram.createSocket("udp4");
  try {
    return await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), options.timeoutMs ?? 1000);
      socket.on("error", () => {
        clearTimeout(timer);
        resolve(false);
      });
      socket.on("message", (msg) => {
        if (!isSignedAccept(msg, request, options.secret)) return;
        clearTimeout(timer);
        resolve(true);
      });
      socket.send(request, options.port, options.host);
    });
  } finally {
    socket.close();
  }
}
