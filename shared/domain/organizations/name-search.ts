import data from "../../settings/divisions/divisions.json" with { type: "json" };

const AREA_NAMES = new Set(Object.values(data as Record<string, string>).filter((n) => n.length >= 2));
const LONGEST = Math.max(...[...AREA_NAMES].map((n) => n.length));

/**
 * The part of a name people search by: without the area names it opens with (上海市嘉定区阳光社区服务中心 →
 * 阳光社区服务中心), so a search for 阳光 finds it as one for 上海市嘉定区阳光 does.
 */
export function nameSearchKey(name: string): string {
  let rest = name.replace(/\s+/g, "");
  for (let stripped = true; stripped; ) {
    stripped = false;
    for (let len = Math.min(LONGEST, rest.length - 1); len >= 2; len--) {
      if (AREA_NAMES.has(rest.slice(0, len))) {
        rest = rest.slice(len);
        stripped = true;
        break;
      }
    }
  }
  return rest;
}
