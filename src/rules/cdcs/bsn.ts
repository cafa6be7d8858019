/** CS002: every Bsn passes the elfproef (FACTS §3). */
import { atRoot } from '../walk.js';
import { leavesNamed } from './places.js';
import { at, BOTH_STANDARDS, cdcsRule, xpathNumber } from './util.js';

/**
 * The elfproef exactly as the official XSLT computes it (template `check11proef`): the value is read as a
 * number, its nine lowest decimal digits d1..d9 (d9 the units) are weighted 9, 8, ..., 2 and -1, and the
 * sum must be divisible by 11. Consequences kept on purpose: 000000000 passes (the sum is 0), and a value
 * that is not a number fails.
 */
export function passesElfproef(bsn: string): boolean {
  const number = xpathNumber(bsn);
  if (Number.isNaN(number)) return false;
  let sum = 0;
  for (let position = 0; position < 9; position++) {
    const digit = Math.floor(number / 10 ** position) % 10;
    sum += position === 0 ? -digit : (position + 1) * digit;
  }
  // JavaScript's % truncates like XPath's mod, so a negative sum behaves as in the XSLT.
  return sum % 11 === 0;
}

export const cs002 = cdcsRule({
  code: 'CS002',
  messages: ['301', '305', '307', '315', '317', '323', '325'],
  standards: BOTH_STANDARDS,
  explanation:
    'Het Bsn voldoet niet aan de elfproef en is dus geen geldig burgerservicenummer. Controleer het Bsn ' +
    '(tikfout, verwisselde cijfers) en neem het over uit de basisregistratie.',
  note:
    'As the official XSLT: weights 9..2 and -1 over the number value, so 000000000 passes (sum 0); every ' +
    'Bsn element is checked, in a 323/325 that of each Client.',
  check({ bericht }) {
    return leavesNamed(atRoot(bericht), 'Bsn')
      .filter(({ value }) => !passesElfproef(value))
      .flatMap(({ path }) => at(path));
  },
});
