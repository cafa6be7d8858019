/**
 * TR352 and TR353: what a verzoek om wijziging must contain. TR352: something current to change (an
 * OngewijzigdProduct or TeWijzigenProduct); TR353: an actual change (a TeWijzigenProduct or NieuwProduct).
 */
import type { RuleDef, Violation } from '../types.js';
import { atRoot, descend, type Located } from '../walk.js';
import { at, BOTH_STANDARDS, trRule } from './common.js';

/** Whether the Verzoek holds at least one class from any of the given wrapper/class pairs. */
function holdsAny(verzoek: Located, classes: readonly (readonly [string, string])[]): boolean {
  return classes.some(([wrapper, name]) => descend(verzoek, wrapper, name).length > 0);
}

function verzoekMustHold(classes: readonly (readonly [string, string])[]): RuleDef['check'] {
  return ({ bericht }) => {
    const found: Violation[] = [];
    for (const verzoek of descend(atRoot(bericht), 'Client', 'Verzoek')) {
      if (!holdsAny(verzoek, classes)) found.push(...at(verzoek.path));
    }
    return found;
  };
}

export const tr352 = trRule({
  code: 'TR352',
  messages: ['317'],
  standards: BOTH_STANDARDS,
  explanation:
    'Het verzoek om wijziging bevat geen OngewijzigdProduct en geen TeWijzigenProduct. Neem de actuele ' +
    'toewijzingen op als OngewijzigdProduct of TeWijzigenProduct; heeft de client geen actuele toewijzing, stuur ' +
    'dan een verzoek om toewijzing (315).',
  check: verzoekMustHold([
    ['OngewijzigdeProducten', 'OngewijzigdProduct'],
    ['TeWijzigenProducten', 'TeWijzigenProduct'],
  ]),
});

export const tr353 = trRule({
  code: 'TR353',
  messages: ['317'],
  standards: BOTH_STANDARDS,
  explanation:
    'Het verzoek om wijziging bevat geen TeWijzigenProduct en geen NieuwProduct, dus er wordt niets gewijzigd. ' +
    'Neem minstens één TeWijzigenProduct of NieuwProduct op.',
  check: verzoekMustHold([
    ['TeWijzigenProducten', 'TeWijzigenProduct'],
    ['NieuweProducten', 'NieuwProduct'],
  ]),
});
