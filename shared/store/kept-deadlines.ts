import type { DeadlineRecord } from "../domain/cases/records.js";
import type { WriteOp } from "../ports/store.js";
import type { UpdateParts } from "./kept-lists.js";
import { caseKey, deadlineKey, dueIndex, KEPT_DEADLINE_PREFIX } from "./keys.js";
import { indexes } from "./table.js";

type Item = Record<string, unknown>;

/**
 * A case keeps its own deadlines (办理时限, a supplement's, a notice period's …) in its item, one attribute
 * each, so that a case and the deadlines it opens or settles are one item written, not several. The item
 * stands on the deadlines index at the earliest next firing among them. Every write of those deadlines
 * moves `deadlinesRevision` on by one and is conditional on the revision it was computed from, so that
 * the index entry is always the earliest firing of the deadlines the item holds.
 */
export const KEPT_REVISION = "deadlinesRevision";

/** A deadline write whose deadline its case's item keeps. */
export type KeptDeadlineWrite = Extract<WriteOp, { op: "putDeadline" }>;

/** The deadlines a case item keeps, and the revision they stand at, as this store last saw the item. */
export interface KeptDeadlines {
  /** The case item exists. */
  exists: boolean;
  revision?: number;
  /** By attribute name (the sort key a deadline item of its own would have). */
  deadlines: Map<string, DeadlineRecord>;
}

export const noKeptDeadlines = (): KeptDeadlines => ({ exists: false, deadlines: new Map() });

export const keptDeadlineAttribute = (d: Pick<DeadlineRecord, "subject" | "kind" | "ref">): string =>
  deadlineKey(d).sk;

export const isKeptDeadlineAttribute = (name: string): boolean => name.startsWith(KEPT_DEADLINE_PREFIX);

/** What a case item (or its absence) keeps. */
export function keptDeadlinesOf(item: Item | undefined): KeptDeadlines {
  if (!item) return noKeptDeadlines();
  const deadlines = new Map<string, DeadlineRecord>();
  for (const [name, value] of Object.entries(item)) {
    if (isKeptDeadlineAttribute(name)) deadlines.set(name, value as DeadlineRecord);
  }
  const revision = item[KEPT_REVISION];
  return { exists: true, ...(typeof revision === "number" ? { revision } : {}), deadlines };
}

/** Whether a write's own condition holds against what the item keeps. */
export function keptDeadlineWriteHolds(kept: KeptDeadlines, w: KeptDeadlineWrite): boolean {
  const now = kept.deadlines.get(keptDeadlineAttribute(w.deadline));
  if (w.expectVersion === "absent") return now === undefined;
  if (typeof w.expectVersion === "number") return now?.version === w.expectVersion;
  return true;
}

/** What the item keeps once the writes are made. */
export function afterKeptWrites(kept: KeptDeadlines, writes: readonly KeptDeadlineWrite[]): KeptDeadlines {
  const deadlines = new Map(kept.deadlines);
  for (const w of writes) deadlines.set(keptDeadlineAttribute(w.deadline), w.deadline);
  return { exists: true, revision: (kept.revision ?? 0) + 1, deadlines };
}

/** The earliest next firing among a case's kept deadlines. */
export function nextKeptFiring(deadlines: Iterable<DeadlineRecord>): string | undefined {
  let next: string | undefined;
  for (const d of deadlines) {
    if (!d.nextFireAt) continue;
    if (next === undefined || Date.parse(d.nextFireAt) < Date.parse(next)) next = d.nextFireAt;
  }
  return next;
}

/**
 * The sets, removes and conditions that write `writes` into the case item keeping `kept`: each deadline's
 * attribute under its own condition, the revision moved on from the one seen, and the item's place on the
 * deadlines index.
 */
export function keptDeadlineParts(
  caseId: string,
  kept: KeptDeadlines,
  writes: readonly KeptDeadlineWrite[],
): Required<UpdateParts> {
  const parts: Required<UpdateParts> = {
    sets: [],
    conditions: [],
    removes: [],
    names: { "#drev": KEPT_REVISION },
    values: { ":drevnext": (kept.revision ?? 0) + 1 },
  };
  writes.forEach((w, i) => {
    parts.names[`#dl${i}`] = keptDeadlineAttribute(w.deadline);
    parts.values[`:dl${i}`] = w.deadline;
    parts.sets.push(`#dl${i} = :dl${i}`);
    if (w.expectVersion === "absent") parts.conditions.push(`attribute_not_exists(#dl${i})`);
    else if (typeof w.expectVersion === "number") {
      parts.names["#dver"] = "version";
      parts.values[`:dlv${i}`] = w.expectVersion;
      parts.conditions.push(`#dl${i}.#dver = :dlv${i}`);
    }
  });
  parts.sets.push("#drev = :drevnext");
  if (kept.revision === undefined) parts.conditions.push("attribute_not_exists(#drev)");
  else {
    parts.values[":drev"] = kept.revision;
    parts.conditions.push("#drev = :drev");
  }
  parts.names["#dlp"] = indexes.deadlines.partition;
  parts.names["#dls"] = indexes.deadlines.sort;
  const next = nextKeptFiring(afterKeptWrites(kept, writes).deadlines.values());
  if (next) {
    const entry = dueIndex(caseKey(caseId), next);
    parts.values[":dlp"] = entry.pk;
    parts.values[":dls"] = entry.sk;
    parts.sets.push("#dlp = :dlp", "#dls = :dls");
  } else parts.removes.push("#dlp", "#dls");
  return parts;
}
