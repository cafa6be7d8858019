/** Paths the tests share: the official reference data beside the project, and the project's own files. */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** `../shared/istandaard` beside the checkout, as CI lays it out. */
export const SHARED = path.resolve(REPO_ROOT, '..', 'shared', 'istandaard');
export const CLI = path.join(REPO_ROOT, 'bin', 'berichtenpoort.js');

/** Every official example message, e.g. `.../ijw-3.2/examples/JW301.xml`. */
export function officialExamples(): string[] {
  return ['iwmo-3.2', 'ijw-3.2'].flatMap((std) => {
    const dir = path.join(SHARED, std, 'examples');
    return readdirSync(dir)
      .filter((f) => f.endsWith('.xml'))
      .sort()
      .map((f) => path.join(dir, f));
  });
}
