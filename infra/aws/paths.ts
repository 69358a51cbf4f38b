import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root, so entries and the lock file resolve whatever the working directory. */
export const repoRoot = fileURLToPath(new URL("../../", import.meta.url));

export const repoPath = (relative: string): string => join(repoRoot, relative);
