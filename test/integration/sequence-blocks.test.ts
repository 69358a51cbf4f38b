import { randomBytes } from "node:crypto";
import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureTable } from "../../shared/store/create-table.js";
import { DynamoStore } from "../../shared/store/dynamo-store.js";
import { ownDynamoClient } from "./own-client.js";

const clients: DynamoDBClient[] = [];
let table: string;

/** A store on its own client, as a Lambda container or a restarted process has. */
function storeOfOneProcess(): DynamoStore {
  const client = ownDynamoClient();
  clients.push(client);
  return new DynamoStore(client, table);
}

beforeAll(async () => {
  table = `t_${randomBytes(6).toString("hex")}`;
  storeOfOneProcess();
  await ensureTable(clients[0] as DynamoDBClient, table);
});
afterAll(() => {
  for (const c of clients) c.destroy();
});

const BLOCKS = { first: 10, later: 100 };

/** `n` numbers taken at once from one store, in the order the calls were made. */
const take = (store: DynamoStore, name: string, n: number, blocks = BLOCKS) =>
  Promise.all(Array.from({ length: n }, () => store.nextSequence(name, blocks)));

const ascending = (xs: number[]) => xs.every((x, i) => i === 0 || x > (xs[i - 1] as number));

describe("a sequence reserved in blocks", () => {
  it("two stores taking numbers concurrently never share one, and each hands its own out in order", async () => {
    const [a, b] = [storeOfOneProcess(), storeOfOneProcess()];
    const [fromA, fromB] = await Promise.all([
      take(a, "organization_code", 250),
      take(b, "organization_code", 250),
    ]);
    expect(ascending(fromA)).toBe(true);
    expect(ascending(fromB)).toBe(true);
    expect(new Set([...fromA, ...fromB]).size).toBe(500);
    expect(Math.min(...fromA, ...fromB)).toBe(1);
  });

  it("costs one write per block, not one per number", async () => {
    const store = storeOfOneProcess();
    const before = store.writeStats();
    await take(store, "blocks_written", 10 + 100 + 100);
    expect(store.writeStats().requests - before.requests).toBe(3);
    const one = await store.nextSequence("blocks_written", BLOCKS);
    expect(one).toBe(211);
    expect(store.writeStats().requests - before.requests).toBe(4);
  });

  it("a process started again never takes a number an earlier one may have handed out", async () => {
    const first = storeOfOneProcess();
    const taken = await take(first, "restarts", 3);
    const again = storeOfOneProcess();
    const after = await take(again, "restarts", 3);
    expect(Math.min(...after)).toBeGreaterThan(BLOCKS.first);
    expect(new Set([...taken, ...after]).size).toBe(6);
  });

  it("for any stores, block sizes and takers, no number is handed out twice", async () => {
    let round = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            takers: fc.integer({ min: 1, max: 40 }),
            first: fc.integer({ min: 1, max: 12 }),
            later: fc.integer({ min: 1, max: 30 }),
          }),
          { minLength: 2, maxLength: 4 },
        ),
        async (stores) => {
          const name = `property_${round++}`;
          const got = await Promise.all(
            stores.map((s) => take(storeOfOneProcess(), name, s.takers, { first: s.first, later: s.later })),
          );
          for (const numbers of got) expect(ascending(numbers)).toBe(true);
          const all = got.flat();
          expect(new Set(all).size).toBe(all.length);
          // Plain takes beside the blocks stay clear of them too.
          const plain = await storeOfOneProcess().nextSequence(name);
          expect(all).not.toContain(plain);
        },
      ),
      { numRuns: 12 },
    );
  });
});
