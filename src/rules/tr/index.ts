/**
 * Every level-2 technical rule (TR) the official XSLT implements: the 22 of FACTS §4.1 plus TR319, which
 * is filed as berichtoverstijgend but is checked inside the message by the XSLT too.
 */
import type { RuleDef } from '../types.js';
import { tr002 } from './tr002.js';
import { tr006 } from './tr006.js';
import { tr018 } from './tr018.js';
import { tr061 } from './tr061.js';
import { tr101 } from './tr101.js';
import { tr134 } from './tr134.js';
import { tr137 } from './tr137.js';
import { tr302 } from './tr302.js';
import { tr315 } from './tr315.js';
import { tr316 } from './tr316.js';
import { tr319 } from './tr319.js';
import { tr335 } from './tr335.js';
import { tr342 } from './tr342.js';
import { tr352, tr353 } from './tr352-353.js';
import { tr358 } from './tr358.js';
import { tr377, tr409 } from './tr377-409.js';
import { tr380 } from './tr380.js';
import { tr383 } from './tr383.js';
import { tr386 } from './tr386.js';
import { tr410 } from './tr410.js';
import { tr416 } from './tr416.js';

export const trRules: readonly RuleDef[] = [
  tr002,
  tr006,
  tr018,
  tr061,
  tr101,
  tr134,
  tr137,
  tr302,
  tr315,
  tr316,
  tr319,
  tr335,
  tr342,
  tr352,
  tr353,
  tr358,
  tr377,
  tr380,
  tr383,
  tr386,
  tr409,
  tr410,
  tr416,
];
