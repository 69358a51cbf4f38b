import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, normalize, relative } from "node:path";

/** One import of a source file: what it names and whether only types come through it (erased at runtime). */
export interface ImportEdge {
  from: string;
  /** A repository path for a relative import, the package name for a bare one. */
  to: string;
  relative: boolean;
  typeOnly: boolean;
  dynamic: boolean;
}

const SOURCE_DIRS = ["shared", "functions", "workflows", "infra", "test"];

export function sourceFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith(".ts")) out.push(path);
    }
  };
  for (const dir of SOURCE_DIRS) if (existsSync(join(root, dir))) walk(dir);
  return out.sort();
}

/** Comments out of the way, so an import in a comment is not read as one; string contents stay. */
function stripComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:"'`\\])\/\/.*$/gm, "$1");
}

const STATIC = /(?:^|\n|;)\s*(import|export)\s+(type\s+)?(?:[^;"'`]*?\s+from\s+)?["']([^"']+)["']/g;
const DYNAMIC = /\bimport\(\s*["']([^"']+)["']\s*\)/g;

function resolve(root: string, from: string, spec: string): string {
  const target = normalize(join(dirname(from), spec));
  const ts = target.replace(/\.js$/, ".ts");
  return existsSync(join(root, ts)) ? ts : target;
}

export function importsOf(root: string, file: string): ImportEdge[] {
  const text = stripComments(readFileSync(join(root, file), "utf8"));
  const edges: ImportEdge[] = [];
  const add = (spec: string, typeOnly: boolean, dynamic: boolean) => {
    const isRelative = spec.startsWith(".");
    const to = isRelative ? resolve(root, file, spec) : packageOf(spec);
    edges.push({ from: file, to, relative: isRelative, typeOnly, dynamic });
  };
  for (const m of text.matchAll(STATIC)) add(m[3] as string, m[2] !== undefined, false);
  for (const m of text.matchAll(DYNAMIC)) add(m[1] as string, false, true);
  return edges;
}

/** `@scope/name/sub` → `@scope/name`, `name/sub` → `name`, `node:fs` stays. */
export function packageOf(spec: string): string {
  const parts = spec.split("/");
  return spec.startsWith("@") ? parts.slice(0, 2).join("/") : (parts[0] as string);
}

/** Every cycle's members, one list per strongly connected component of more than one file (or a self-import). */
export function cycles(edges: { from: string; to: string }[]): string[][] {
  const graph = new Map<string, string[]>();
  for (const e of edges) {
    graph.set(e.from, [...(graph.get(e.from) ?? []), e.to]);
    if (!graph.has(e.to)) graph.set(e.to, []);
  }
  // Tarjan's algorithm, iteratively deep enough for this repository.
  let index = 0;
  const indices = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string) => {
    indices.set(v, index);
    low.set(v, index);
    index++;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!indices.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v) as number, low.get(w) as number));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v) as number, indices.get(w) as number));
      }
    }
    if (low.get(v) === indices.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop() as string;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      const selfLoop = (graph.get(v) ?? []).includes(v);
      if (component.length > 1 || selfLoop) found.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!indices.has(v)) visit(v);
  return found;
}

export const within = (path: string, dir: string): boolean => !relative(dir, path).startsWith("..");
