import { randomBytes } from "node:crypto";

const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** Time-ordered, URL-safe identifiers (a prefix, 10 characters of time, 10 random). */
export function newId(prefix: string, now: Date = new Date()): string {
  let time = now.getTime();
  let head = "";
  for (let i = 0; i < 10; i++) {
    head = ALPHABET[time % 32] + head;
    time = Math.floor(time / 32);
  }
  const bytes = randomBytes(10);
  let tail = "";
  for (const b of bytes) tail += ALPHABET[b % 32];
  return `${prefix}${head}${tail}`;
}
