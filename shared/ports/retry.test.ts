import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { retryOnConflict } from "./retry.js";
import { ConflictError } from "./store.js";

/** An attempt that loses `conflicts` races, then succeeds. */
function losing(conflicts: number) {
  let calls = 0;
  return {
    attempt: async () => {
      calls++;
      if (calls <= conflicts) throw new ConflictError(`lost race ${calls}`);
      return calls;
    },
    calls: () => calls,
  };
}

describe("retryOnConflict", () => {
  it("succeeds within the bound, and otherwise surfaces the last conflict after exactly `times` attempts", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 8 }),
        fc.integer({ min: 1, max: 6 }),
        async (conflicts, times) => {
          const a = losing(conflicts);
          const outcome = await retryOnConflict(a.attempt, { times }).then(
            (value) => ({ value }),
            (error: unknown) => ({ error }),
          );
          if (conflicts < times) {
            expect(outcome).toEqual({ value: conflicts + 1 });
            expect(a.calls()).toBe(conflicts + 1);
          } else {
            expect((outcome as { error: unknown }).error).toBeInstanceOf(ConflictError);
            expect(((outcome as { error: Error }).error as Error).message).toBe(`lost race ${times}`);
            expect(a.calls()).toBe(times);
          }
        },
      ),
    );
  });

  it("reports exhaustion as the caller names it", async () => {
    const a = losing(10);
    const named = new Error("the organization changed meanwhile");
    await expect(retryOnConflict(a.attempt, { exhausted: () => named })).rejects.toBe(named);
    expect(a.calls()).toBe(3);
  });

  it("does not retry other errors", async () => {
    let calls = 0;
    const failing = async () => {
      calls++;
      throw new TypeError("broken");
    };
    await expect(retryOnConflict(failing)).rejects.toBeInstanceOf(TypeError);
    expect(calls).toBe(1);
  });
});

describe("retryOnConflict with retryIf", () => {
  it("retries only the conflicts it names, and surfaces any other at once", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.boolean(), { minLength: 1, maxLength: 6 }), async (retryable) => {
        let calls = 0;
        const attempt = async () => {
          const i = calls++;
          if (i < retryable.length) throw new ConflictError(`conflict ${i}`, retryable[i] ? 1 : 0);
          return i;
        };
        const outcome = await retryOnConflict(attempt, {
          times: 10,
          retryIf: (c) => c.failedOp === 1,
        }).then(
          (value) => ({ value }),
          (error: Error) => ({ error: error.message }),
        );
        const firstFinal = retryable.indexOf(false);
        if (firstFinal < 0) expect(outcome).toEqual({ value: retryable.length });
        else expect(outcome).toEqual({ error: `conflict ${firstFinal}` });
        expect(calls).toBe(firstFinal < 0 ? retryable.length + 1 : firstFinal + 1);
      }),
    );
  });
});
