import { randomBytes } from "node:crypto";

// RADIUS shared secrets: 24 characters from an alphabet RouterOS and radclient take literally.
const ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

export function generateRadiusSecret(length = 24): string {
  const bytes = randomBytes(length);
  return Array.from(bytes, (b) => ALPHABET[b % ALPHABET.length]).join("");
}
