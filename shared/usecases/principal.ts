import type { Actor } from "../domain/cases/records.js";

/** Who is calling, as the entry point's authenticator established it. */
export type Principal =
  | { role: "org"; sub: string; uscc?: string }
  | { role: "regulator"; sub: string; jurisdiction: string }
  | { role: "admin"; sub: string };

export const actorOf = (p: Principal): Actor => ({ kind: p.role, sub: p.sub });
