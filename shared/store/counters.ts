import type { OrganizationRecord } from "../domain/organizations/records.js";
import {
  alertCounters,
  type Counters,
  counterDelta,
  organizationCounters,
} from "../domain/organizations/statistics-counters.js";
import type { AlertRecord } from "../domain/risk/alerts.js";
import { parentDivisions } from "../settings/index.js";
import { counterIndex, counterKey, counterShard, type Key } from "./keys.js";
import { indexes } from "./table.js";

/** One counter item's increments, and the index values a city's or province's read finds it by. */
export interface CounterWrite {
  key: Key;
  index: Key;
  add: Counters;
}

/** The divisions whose figures a record counts in: its own, and the city and province that sum it. */
export const divisionsOf = (jurisdiction: string) => [jurisdiction, ...parentDivisions(jurisdiction)];

/**
 * Grade and list counts are keyed by day and change rarely, so each sits in one item per division; the
 * counts every report and status change touches spread over shards, so concurrent writes seldom meet.
 */
function partOf(counterName: string, uscc: string): string {
  if (counterName.startsWith("grade:")) return "grade";
  if (counterName.startsWith("list:")) return "list";
  return `base#${counterShard(uscc)}`;
}

function collect(
  into: Map<string, CounterWrite>,
  jurisdiction: string,
  shardBy: string,
  counts: Counters,
  sign: 1 | -1,
) {
  // Only the record's own division keeps counts: a city's and a province's figures are their divisions' sum.
  for (const [name, n] of Object.entries(counts)) {
    const part = partOf(name, shardBy);
    const key = counterKey(jurisdiction, part);
    const id = `${key.pk}|${key.sk}`;
    const write = into.get(id) ?? { key, index: counterIndex(jurisdiction, part), add: {} };
    write.add[name] = (write.add[name] ?? 0) + sign * n;
    into.set(id, write);
  }
}

/** What a change of records adds to the counters of their divisions; records before the change may be absent. */
export class CounterChanges {
  private readonly writes = new Map<string, CounterWrite>();

  organization(before: OrganizationRecord | undefined, after: OrganizationRecord): void {
    if (before && before.jurisdiction !== after.jurisdiction) {
      collect(this.writes, before.jurisdiction, before.uscc, organizationCounters(before), -1);
      collect(this.writes, after.jurisdiction, after.uscc, organizationCounters(after), 1);
      return;
    }
    const delta = counterDelta(before ? organizationCounters(before) : {}, organizationCounters(after));
    collect(this.writes, after.jurisdiction, after.uscc, delta, 1);
  }

  alert(before: AlertRecord | undefined, after: AlertRecord): void {
    if (before) collect(this.writes, before.jurisdiction, before.alertId, alertCounters(before), -1);
    collect(this.writes, after.jurisdiction, after.alertId, alertCounters(after), 1);
  }

  /** Each counter item once, with only the counts that move. */
  list(): CounterWrite[] {
    return [...this.writes.values()]
      .map((w) => ({ ...w, add: Object.fromEntries(Object.entries(w.add).filter(([, n]) => n !== 0)) }))
      .filter((w) => Object.keys(w.add).length > 0);
  }
}

/**
 * How many writes a counter item has taken: a rebuild counts the register between two readings of it
 * and writes its figures only if no write came in between. It is not a count of the statistics.
 */
export const TALLY = "writes";

/** The names and values every counter write sets: the item's type and its index values. */
function itemAttributes(index: Key) {
  return {
    names: {
      "#type": "type",
      "#tally": TALLY,
      "#ip": indexes.owner.partition,
      "#is": indexes.owner.sort,
    } as Record<string, string>,
    values: { ":type": "counters", ":one": 1, ":ip": index.pk, ":is": index.sk } as Record<string, unknown>,
    set: "#type = :type, #ip = :ip, #is = :is",
  };
}

/** An UpdateItem's expression that adds every count of a write, and one to the item's tally. */
export function addExpression(write: CounterWrite) {
  const { names, values, set } = itemAttributes(write.index);
  const parts = Object.entries(write.add).map(([name, n], i) => {
    names[`#c${i}`] = name;
    values[`:c${i}`] = n;
    return `#c${i} :c${i}`;
  });
  return {
    UpdateExpression: `ADD ${[...parts, "#tally :one"].join(", ")} SET ${set}`,
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
  };
}

/**
 * An UpdateItem's expression that sets a counter item to a rebuild's figures, conditional on the tally
 * read before the register was: `figures` zero every count the item held and the rebuild found none of.
 */
export function rebuildExpression(index: Key, figures: Counters, tally: number | undefined) {
  const { names, values, set } = itemAttributes(index);
  const parts = Object.entries(figures).map(([name, n], i) => {
    names[`#c${i}`] = name;
    values[`:c${i}`] = n;
    return `#c${i} = :c${i}`;
  });
  if (tally !== undefined) values[":tally"] = tally;
  return {
    UpdateExpression: `SET ${[...parts, set].join(", ")} ADD #tally :one`,
    // An item without a tally (none yet, or one from before tallies) must still have none.
    ConditionExpression: tally === undefined ? "attribute_not_exists(#tally)" : "#tally = :tally",
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
  };
}
