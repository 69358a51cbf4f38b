import type { TransactWriteCommandInput } from "@aws-sdk/lib-dynamodb";
import type { GrantRecord } from "../domain/access/grants.js";
import type { TimelineEvent } from "../domain/cases/records.js";
import type { OrganizationRecord } from "../domain/organizations/records.js";
import type { CertificateRecord, WriteOp } from "../ports/store.js";

type Item = Record<string, unknown>;
type TransactItem = NonNullable<TransactWriteCommandInput["TransactItems"]>[number];

/**
 * Lists a record's item keeps beside the record itself, appended to and never rewritten: `timeline`, the
 * audit events of the transactions that wrote a grant (a case's, in the case); `certificates`, the
 * certificates (登记证书) issued with an organization, as issued.
 */
export const KEPT_LISTS = { timeline: "timeline", certificates: "certificates" } as const;

/** A grant's attributes, checked against GrantRecord by the compiler: one it no longer has is removed. */
export const GRANT_ATTRIBUTES = Object.keys({
  issuer: 1,
  sub: 1,
  scope: 1,
  since: 1,
  grantedBy: 1,
  revokedAt: 1,
  revokedBy: 1,
  version: 1,
} satisfies Record<keyof GrantRecord, 1>);

/** An organization's attributes, checked against OrganizationRecord by the compiler. */
export const ORGANIZATION_ATTRIBUTES = Object.keys({
  uscc: 1,
  name: 1,
  orgType: 1,
  status: 1,
  jurisdiction: 1,
  registeredOn: 1,
  domicile: 1,
  streetCode: 1,
  businessScope: 1,
  fundsCny: 1,
  legalRepresentative: 1,
  contact: 1,
  supervisoryUnit: 1,
  grade: 1,
  gradeWithdrawnOn: 1,
  penalties: 1,
  investigations: 1,
  term: 1,
  leaders: 1,
  history: 1,
  creditLists: 1,
  annualInspections: 1,
  registrationCaseId: 1,
  createdAt: 1,
  version: 1,
} satisfies Record<keyof OrganizationRecord, 1>);

const keptNames = new Set<string>(Object.values(KEPT_LISTS));

/** Further sets, removes and conditions an update carries beside a record's own, with their names and values. */
export interface UpdateParts {
  sets: string[];
  removes?: string[];
  conditions: string[];
  names: Record<string, string>;
  values: Record<string, unknown>;
}

/**
 * A put written as an update, so that the lists its item keeps survive it: the record's attributes set and
 * the ones it no longer has removed, each kept list the put carries appended, under the put's own condition.
 */
export function appendingUpdate(
  put: NonNullable<TransactItem["Put"]>,
  attributes: readonly string[],
  more: UpdateParts = { sets: [], conditions: [], names: {}, values: {} },
): TransactItem {
  const item = put.Item as Item;
  const names: Record<string, string> = { ...more.names };
  const values: Record<string, unknown> = { ...put.ExpressionAttributeValues, ...more.values };
  const sets: string[] = [...more.sets];
  const conditions = [...(put.ConditionExpression ? [put.ConditionExpression] : []), ...more.conditions];
  let n = 0;
  for (const [name, value] of Object.entries(item)) {
    if (name === "pk" || name === "sk" || value === undefined) continue;
    names[`#u${n}`] = name;
    values[`:u${n}`] = value;
    sets.push(
      keptNames.has(name) ? `#u${n} = list_append(if_not_exists(#u${n}, :empty), :u${n})` : `#u${n} = :u${n}`,
    );
    if (keptNames.has(name)) values[":empty"] = [];
    n++;
  }
  const removes = attributes
    .filter((name) => item[name] === undefined)
    .map((name, i) => {
      names[`#x${i}`] = name;
      return `#x${i}`;
    });
  return updateOf(
    put.TableName as string,
    { pk: item.pk, sk: item.sk },
    {
      sets,
      removes: [...removes, ...(more.removes ?? [])],
      conditions,
      names,
      values,
    },
  );
}

/** An update of one item from its parts: SET, then REMOVE, under every condition at once. */
export function updateOf(
  tableName: string,
  key: { pk: unknown; sk: unknown },
  parts: UpdateParts,
): TransactItem {
  const removes = parts.removes ?? [];
  const { conditions } = parts;
  return {
    Update: {
      TableName: tableName,
      Key: key,
      UpdateExpression: `SET ${parts.sets.join(", ")}${removes.length > 0 ? ` REMOVE ${removes.join(", ")}` : ""}`,
      ...(conditions.length > 0
        ? {
            ConditionExpression:
              conditions.length === 1 ? conditions[0] : conditions.map((c) => `(${c})`).join(" AND "),
          }
        : {}),
      ExpressionAttributeNames: parts.names,
      ...(Object.keys(parts.values).length > 0 ? { ExpressionAttributeValues: parts.values } : {}),
    },
  };
}

/**
 * A timeline from the events kept in items' `timeline` lists and those in event items of their own (written
 * before, or without such an item), oldest first; events of one instant keep the order they were read in.
 */
export function keptTimeline(items: readonly Item[], strip: (item: Item) => TimelineEvent): TimelineEvent[] {
  const kept = items.flatMap((i) =>
    i.type === "event" ? [] : ((i[KEPT_LISTS.timeline] as TimelineEvent[]) ?? []),
  );
  const separate = items.filter((i) => i.type === "event").map(strip);
  return [...kept, ...separate].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}

/**
 * The certificates a transaction issues with the organization it writes go in the organization's item
 * (one item fewer); one issued without its organization keeps an item of its own, as before.
 */
export function foldCertificates(
  given: readonly WriteOp[],
  origin: readonly number[],
): { ops: WriteOp[]; origin: number[]; certificates: Map<string, CertificateRecord[]> } {
  const organizations = new Set(
    given.flatMap((w) => (w.op === "putOrganization" ? [w.organization.uscc] : [])),
  );
  const ops: WriteOp[] = [];
  const kept: number[] = [];
  const certificates = new Map<string, CertificateRecord[]>();
  given.forEach((w, i) => {
    if (w.op === "putCertificate" && organizations.has(w.certificate.uscc)) {
      certificates.set(w.certificate.uscc, [...(certificates.get(w.certificate.uscc) ?? []), w.certificate]);
      return;
    }
    ops.push(w);
    kept.push(origin[i] as number);
  });
  return { ops, origin: kept, certificates };
}

/** A grant or an organization written so that the lists its item keeps stay; any other write as it is. */
export function keepingLists(
  w: WriteOp,
  item: TransactItem,
  certificates: ReadonlyMap<string, CertificateRecord[]>,
): TransactItem {
  if (!item.Put) return item;
  if (w.op === "putGrant") return appendingUpdate(item.Put, GRANT_ATTRIBUTES);
  if (w.op !== "putOrganization") return item;
  const issued = certificates.get(w.organization.uscc);
  const put = issued
    ? { ...item.Put, Item: { ...item.Put.Item, [KEPT_LISTS.certificates]: issued } }
    : item.Put;
  return appendingUpdate(put, ORGANIZATION_ATTRIBUTES);
}

/** Parts of one update put together; their placeholder names must differ. */
export function mergedParts(...all: (UpdateParts | undefined)[]): Required<UpdateParts> {
  const out: Required<UpdateParts> = { sets: [], removes: [], conditions: [], names: {}, values: {} };
  for (const p of all) {
    if (!p) continue;
    out.sets.push(...p.sets);
    out.removes.push(...(p.removes ?? []));
    out.conditions.push(...p.conditions);
    Object.assign(out.names, p.names);
    Object.assign(out.values, p.values);
  }
  return out;
}
