import { createHash } from "node:crypto";
import { RuleRefusal } from "../../domain/errors.js";
import { ConflictError, type IdempotencyRecord, type WriteOp } from "../../ports/store.js";
import type { Deps } from "./deps.js";
import { retryOnConflict } from "./retry.js";

export interface IdempotencyRequest {
  principal: string;
  key: string;
  body: unknown;
}

export interface Created<T> {
  status: 201;
  body: T;
}

const TTL_SECONDS = 24 * 3600;

export const requestHash = (body: unknown): string =>
  createHash("sha256").update(JSON.stringify(body)).digest("hex");

function replay<T>(found: IdempotencyRecord, hash: string): Created<T> {
  if (found.requestHash !== hash) {
    throw new RuleRefusal(
      "idempotency_key_reused",
      "this Idempotency-Key was used with a different request body",
    );
  }
  return { status: 201, body: found.body as T };
}

/** What a creation's own writes conflicted on: the index among them, past the key's record. */
class CreationConflict extends ConflictError {
  constructor(
    message: string,
    readonly failed: WriteOp | undefined,
    own: number | undefined,
  ) {
    super(message, own);
  }
}

/**
 * Creates something exactly once per Idempotency-Key: the key's record is written in the same
 * transaction as the creation, so a repeat either finds it and replays the first response or loses the race.
 * A transaction that lost to a concurrent one (no condition of its own failed), or whose failed write
 * `retryWhen` names, is built again from fresh reads and retried; any other conflict reaches the caller
 * with `failedOp` counted among the creation's own writes.
 */
export async function createOnce<T>(
  deps: Deps,
  idem: IdempotencyRequest | undefined,
  build: () => Promise<{ ops: WriteOp[]; body: T }>,
  opts: { retryWhen?: (failed: WriteOp) => boolean } = {},
): Promise<Created<T> & { fresh: boolean }> {
  const hash = idem ? requestHash(idem.body) : "";
  if (idem) {
    const found = await deps.store.getIdempotency(idem.principal, idem.key);
    if (found) return { ...replay<T>(found, hash), fresh: false };
  }
  return retryOnConflict(
    async () => {
      let built: { ops: WriteOp[]; body: T };
      try {
        built = await build();
      } catch (error) {
        // A concurrent request with the same key may have won meanwhile and be what refused this one.
        const found = idem ? await deps.store.getIdempotency(idem.principal, idem.key) : undefined;
        if (found) return { ...replay<T>(found, hash), fresh: false };
        throw error;
      }
      const { ops, body } = built;
      const idemOp: WriteOp[] = idem
        ? [
            {
              op: "putIdempotency",
              record: {
                principal: idem.principal,
                key: idem.key,
                requestHash: hash,
                status: 201,
                body,
                createdAt: deps.clock.now().toISOString(),
              },
              ttlSeconds: TTL_SECONDS,
            },
          ]
        : [];
      try {
        await deps.store.transact([...idemOp, ...ops]);
        return { status: 201 as const, body, fresh: true };
      } catch (error) {
        if (!(error instanceof ConflictError)) throw error;
        if (idem && error.failedOp === 0) {
          const found = await deps.store.getIdempotency(idem.principal, idem.key);
          if (found) return { ...replay<T>(found, hash), fresh: false };
        }
        const own = error.failedOp === undefined ? undefined : error.failedOp - idemOp.length;
        throw new CreationConflict(error.message, own === undefined ? undefined : ops[own], own);
      }
    },
    {
      times: 4,
      retryIf: (c) =>
        c instanceof CreationConflict &&
        (c.failed === undefined ? c.failedOp === undefined : (opts.retryWhen?.(c.failed) ?? false)),
      backoffMs: (tried) => 20 * tried + Math.random() * 30,
    },
  );
}
