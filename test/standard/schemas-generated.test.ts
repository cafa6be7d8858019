import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { packs } from '../../src/standard/packs.js';
import { generatePackSchemas, schemaFolder } from '../../src/standard/xsd/generate.js';
import { SCHEMAS_DIR } from '../../src/paths.js';

describe('checked-in schemas', () => {
  for (const pack of Object.values(packs)) {
    const dir = path.join(SCHEMAS_DIR, schemaFolder(pack));
    const expected = generatePackSchemas(pack);

    it(`${schemaFolder(pack)} holds exactly the generated files (run \`npm run schemas\` after a model change)`, () => {
      expect(existsSync(dir)).toBe(true);
      expect(readdirSync(dir).sort()).toEqual([...expected.keys()].sort());
      for (const [name, content] of expected) {
        expect(
          readFileSync(path.join(dir, name), 'utf8'),
          `${name} differs from the generator's output`,
        ).toBe(content);
      }
    });

    it(`${schemaFolder(pack)} has the basisschema and 14 message schemas`, () => {
      expect(expected.size).toBe(15);
    });
  }
});
