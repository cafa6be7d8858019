/**
 * The code lists of iWmo 3.2 and iJw 3.2, carried as the project's own JSON files in `codelists/`.
 *
 * Static JSON imports (not a directory scan) so the lists travel with the compiled code and a missing file
 * is a compile error. Which list a simple type uses is stated in `basis.ts`; the values of every list that
 * a basisschema enumerates are compared with the official XSDs in test/standard/codelists.test.ts.
 */
import { basisSimpleTypes } from './basis.js';
import type { CodeList, StandardId } from './model.js';
import CBS_Gemeentecodes from './codelists/CBS_Gemeentecodes.json' with { type: 'json' };
import COD002 from './codelists/COD002.json' with { type: 'json' };
import COD032 from './codelists/COD032.json' with { type: 'json' };
import COD043 from './codelists/COD043.json' with { type: 'json' };
import COD046 from './codelists/COD046.json' with { type: 'json' };
import COD170 from './codelists/COD170.json' with { type: 'json' };
import COD260 from './codelists/COD260.json' with { type: 'json' };
import COD327 from './codelists/COD327.json' with { type: 'json' };
import COD467 from './codelists/COD467.json' with { type: 'json' };
import COD472 from './codelists/COD472.json' with { type: 'json' };
import COD700 from './codelists/COD700.json' with { type: 'json' };
import COD747 from './codelists/COD747.json' with { type: 'json' };
import COD757 from './codelists/COD757.json' with { type: 'json' };
import JZ002 from './codelists/JZ002.json' with { type: 'json' };
import JZ020 from './codelists/JZ020.json' with { type: 'json' };
import JZ588 from './codelists/JZ588.json' with { type: 'json' };
import NUM061 from './codelists/NUM061.json' with { type: 'json' };
import WJ001 from './codelists/WJ001.json' with { type: 'json' };
import WJ003 from './codelists/WJ003.json' with { type: 'json' };
import WJ232 from './codelists/WJ232.json' with { type: 'json' };
import WJ756 from './codelists/WJ756.json' with { type: 'json' };
import WJ758 from './codelists/WJ758.json' with { type: 'json' };
import WJ759 from './codelists/WJ759.json' with { type: 'json' };
import WJ760 from './codelists/WJ760.json' with { type: 'json' };
import WMO002 from './codelists/WMO002.json' with { type: 'json' };
import WMO020 from './codelists/WMO020.json' with { type: 'json' };
import WMO588 from './codelists/WMO588.json' with { type: 'json' };
import WMO757 from './codelists/WMO757.json' with { type: 'json' };

// Typed without a cast so the compiler checks every file against the CodeList shape.
const ALL: readonly CodeList[] = [
  CBS_Gemeentecodes,
  COD002,
  COD032,
  COD043,
  COD046,
  COD170,
  COD260,
  COD327,
  COD467,
  COD472,
  COD700,
  COD747,
  COD757,
  JZ002,
  JZ020,
  JZ588,
  NUM061,
  WJ001,
  WJ003,
  WJ232,
  WJ756,
  WJ758,
  WJ759,
  WJ760,
  WMO002,
  WMO020,
  WMO588,
  WMO757,
];

/**
 * Every code list, keyed by its code. Besides the lists that LDT_ types enumerate this holds two lists that
 * no XSD enumerates: COD002 (berichtcodes, fixed per message by a pattern) and CBS_Gemeentecodes (checked
 * by TR378; its values also carry `provincie`).
 */
export const codeLists: Readonly<Record<string, CodeList>> = Object.freeze(
  Object.fromEntries(ALL.map((list) => [list.code, list])),
);

/** The code lists the basisschema of `standard` enumerates, keyed by code (e.g. WMO020 for iWmo, JZ020 for iJw). */
export function codeListsFor(standard: StandardId): Readonly<Record<string, CodeList>> {
  const result: Record<string, CodeList> = {};
  for (const type of Object.values(basisSimpleTypes(standard))) {
    if (type.codeList === undefined) continue;
    const list = codeLists[type.codeList];
    if (!list) throw new Error(`${type.name} refers to code list ${type.codeList}, which does not exist`);
    result[list.code] = list;
  }
  return result;
}
