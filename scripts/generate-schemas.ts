/**
 * `npm run schemas`: regenerates schemas/<standard>-<release>/*.xsd from the model.
 * The checked-in files must equal this output; test/standard/schemas-generated.test.ts enforces it.
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { packs } from '../src/standard/packs.js';
import { generatePackSchemas, schemaFolder } from '../src/standard/xsd/generate.js';
import { SCHEMAS_DIR } from '../src/paths.js';

for (const pack of Object.values(packs)) {
  const dir = path.join(SCHEMAS_DIR, schemaFolder(pack));
  mkdirSync(dir, { recursive: true });
  const files = generatePackSchemas(pack);
  // Remove files the model no longer produces, so a stale schema cannot linger.
  for (const existing of readdirSync(dir)) {
    if (!files.has(existing)) rmSync(path.join(dir, existing));
  }
  for (const [name, content] of files) writeFileSync(path.join(dir, name), content);
  console.log(`${dir}: ${files.size} files`);
}
