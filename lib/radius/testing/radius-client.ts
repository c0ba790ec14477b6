// Request attributes for the tests' and benchmarks' RADIUS client (lib/radius/radius-udp.ts).
import { createHash, randomBytes } from "node:crypto";
import { mschapv2Attributes } from "./mschapv2";
import type { RadiusAttribute } from "../radius-udp";

export { sendRadius, type RadiusAttribute, type RadiusReply, type SendOptions } from "../radius-udp";

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
