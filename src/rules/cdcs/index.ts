/**
 * The conditions (CD) and constraints (CS) of iWmo 3.2 and iJw 3.2 that the official validation XSLT
 * 2.10.5 applies (FACTS §5, §11): every one is checkable inside one message and rejects it with
 * retourcode 0001. Semantics and locations follow the official XSLT; where it differs from the written
 * rule, the rule's `note` says so.
 */
import type { RuleDef } from '../types.js';
import { cs002 } from './bsn.js';
import { cd005, cd009, cd025, cd034, cs089 } from './contact.js';
import { cd060, cd087, cs100, cs325, cs337, cs339, cs340 } from './declaratie.js';
import { cd041, cd075, cd076, cd077, cd078, cd079 } from './omvang-budget.js';
import { cd007, cs050, cs139, cs318 } from './person.js';
import { cs058 } from './regie.js';
import { cd080, cd095, cd096, cs338, cs343 } from './since-2021.js';
import { cs003, cs335, cs336 } from './toewijzing.js';
import { cd043, cd066, cd067, cd068, cd085, cd086 } from './verzoek.js';

export { passesElfproef } from './bsn.js';

/** In code order, as the official XSLT runs them. */
export const cdcsRules: readonly RuleDef[] = [
  cd005,
  cd007,
  cd009,
  cd025,
  cd034,
  cd041,
  cd043,
  cd060,
  cd066,
  cd067,
  cd068,
  cd075,
  cd076,
  cd077,
  cd078,
  cd079,
  cd080,
  cd085,
  cd086,
  cd087,
  cd095,
  cd096,
  cs002,
  cs003,
  cs050,
  cs058,
  cs089,
  cs100,
  cs139,
  cs318,
  cs325,
  cs335,
  cs336,
  cs337,
  cs338,
  cs339,
  cs340,
  cs343,
];

/** A constraint of the standard that the XSD already enforces at level 1, so no level-2 rule exists for it. */
export interface XsdEnforcedConstraint {
  readonly code: string;
  readonly kind: 'CS';
  /** Where the XSD enforces it; a message breaking it never reaches the rules (no retour, a Fo01 instead). */
  readonly reason: string;
}

export const xsdEnforced: readonly XsdEnforcedConstraint[] = [
  {
    code: 'CS015',
    kind: 'CS',
    reason:
      'BerichtSubversie is fixed to 2 by an xs:pattern on Header/BerichtSubversie in every message XSD.',
  },
  {
    code: 'CS025',
    kind: 'CS',
    reason: 'BerichtVersie is fixed to 3 by an xs:pattern on Header/BerichtVersie in every message XSD.',
  },
  {
    code: 'CS319',
    kind: 'CS',
    reason:
      'DeclaratieNummer of the 323 is restricted to letters and digits by the xs:pattern ([a-zA-Z0-9])+ in the ' +
      'message XSD.',
  },
];
