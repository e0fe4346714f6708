import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

const ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789"; // 32 symbols, no look-alikes

/** A random string from a CSPRNG with 5 bits per character (`bits` rounded up to whole chars). */
export function randomToken(bits: number): string {
  const length = Math.ceil(bits / 5);
  const bytes = randomBytes(length);
  let out = "";
  for (const byte of bytes) {
    out += ALPHABET[byte & 31];
  }
  return out;
}

/** Hex SHA-256 of a secret: what we store instead of the secret. */
export function sha256Hex(value: string): string {
  return createHash("sha256").update(value, "utf8").digest("hex");
}

/** Compares two hex digests without leaking where they differ. */
export function equalDigests(a: string, b: string): boolean {
  const left = Buffer.from(a, "hex");
  const right = Buffer.from(b, "hex");
  return left.length === right.length && left.length > 0 && timingSafeEqual(left, right);
}
