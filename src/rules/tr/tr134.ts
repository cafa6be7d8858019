/** TR134: a date is a real calendar date and not later than the message's Dagtekening. */
import type { MessageNumber } from '../../standard/model.js';
import { isRealDate } from '../dates.js';
import type { Violation } from '../types.js';
import { atRoot, descend, leaf, text } from '../walk.js';
import { at, BOTH_STANDARDS, dagtekening, trRule } from './common.js';

/** A date element: the steps to its parent and its own name. */
type DateAt = readonly [parent: readonly string[], name: string];

/** The dates the official XSLT checks, per message, in document order. */
const DATES: Readonly<Partial<Record<MessageNumber, readonly DateAt[]>>> = {
  '301': [
    [['Client', 'Geboortedatum'], 'Datum'],
    [['Client', 'Relaties', 'Relatie', 'Geboortedatum'], 'Datum'],
    [['Client', 'ToegewezenProducten', 'ToegewezenProduct'], 'Toewijzingsdatum'],
  ],
  '305': [
    [['Client', 'Geboortedatum'], 'Datum'],
    [['Client', 'StartProducten', 'StartProduct'], 'Begindatum'],
  ],
  '307': [
    [['Client', 'Geboortedatum'], 'Datum'],
    [['Client', 'StopProducten', 'StopProduct'], 'Einddatum'],
  ],
  '315': [[['Client', 'Geboortedatum'], 'Datum']],
  '323': [
    [['Declaratie', 'DeclaratiePeriode'], 'Begindatum'],
    [['Declaratie', 'Clienten', 'Client', 'Prestaties', 'Prestatie', 'ProductPeriode'], 'Begindatum'],
  ],
  '325': [
    [['DeclaratieAntwoord', 'Clienten', 'Client', 'Prestaties', 'Prestatie', 'ProductPeriode'], 'Begindatum'],
  ],
};

export const tr134 = trRule({
  code: 'TR134',
  messages: ['301', '305', '307', '315', '323', '325'],
  standards: BOTH_STANDARDS,
  explanation:
    'Een datum ligt na de Dagtekening van het bericht of bestaat niet. ' +
    'Vul een bestaande datum in die niet later is dan de Dagtekening.',
  note:
    'The dates are those the official XSLT checks (Geboortedatum, Toewijzingsdatum, StartProduct/Begindatum, ' +
    'StopProduct/Einddatum, DeclaratiePeriode and ProductPeriode Begindatum). The XSLT leaves "a real date" to ' +
    'the XSD; we check it here too, which changes nothing for an XSD-valid message.',
  check({ bericht, number }) {
    const dag = dagtekening(bericht);
    if (dag === undefined) return [];
    const found: Violation[] = [];
    for (const [parentSteps, name] of DATES[number] ?? []) {
      for (const parent of descend(atRoot(bericht), ...parentSteps)) {
        const value = text(parent.el, name);
        if (value === undefined) continue;
        if (!isRealDate(value) || value > dag.value) found.push(...at(dag.path, leaf(parent, name)));
      }
    }
    return found;
  },
});
