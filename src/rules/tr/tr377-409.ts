/**
 * TR377 and TR409 (iJw only): the class Woonplaatsbeginsel of a JW319 is there exactly when the verzoek is
 * refused on the woonplaatsbeginsel (RedenAfwijzingVerzoek 8, WJ759), naming the responsible gemeente.
 */
import { atRoot, child, has, leaf, text } from '../walk.js';
import { at, trRule } from './common.js';

/** WJ759 8: Woonplaatsbeginsel. */
const WOONPLAATSBEGINSEL = '8';

export const tr377 = trRule({
  code: 'TR377',
  messages: ['319'],
  standards: ['ijw'],
  explanation:
    'RedenAfwijzingVerzoek is 8 (woonplaatsbeginsel), maar de berichtklasse Woonplaatsbeginsel ontbreekt. ' +
    'Neem Woonplaatsbeginsel op met de Gemeente die volgens het woonplaatsbeginsel verantwoordelijk is.',
  note: 'The missing class cannot be pointed at; the location is RedenAfwijzingVerzoek.',
  check({ bericht }) {
    const antwoord = child(atRoot(bericht), 'Antwoord');
    if (antwoord === undefined) return [];
    const reden = text(antwoord.el, 'RedenAfwijzingVerzoek');
    if (reden !== WOONPLAATSBEGINSEL || has(antwoord.el, 'Woonplaatsbeginsel')) return [];
    return at(leaf(antwoord, 'RedenAfwijzingVerzoek'));
  },
});

export const tr409 = trRule({
  code: 'TR409',
  messages: ['319'],
  standards: ['ijw'],
  explanation:
    'De berichtklasse Woonplaatsbeginsel is opgenomen, maar RedenAfwijzingVerzoek is niet 8 (woonplaatsbeginsel). ' +
    'Laat Woonplaatsbeginsel weg, of gebruik reden 8 als het verzoek op grond van het woonplaatsbeginsel wordt afgewezen.',
  note:
    'The iJw XSLT was not available to compare; an absent RedenAfwijzingVerzoek (VerzoekAntwoord 2, in onderzoek) ' +
    'counts as "not 8", following the written rule.',
  check({ bericht }) {
    const antwoord = child(atRoot(bericht), 'Antwoord');
    if (antwoord === undefined || !has(antwoord.el, 'Woonplaatsbeginsel')) return [];
    const reden = text(antwoord.el, 'RedenAfwijzingVerzoek');
    if (reden === WOONPLAATSBEGINSEL) return [];
    const locations = reden === undefined ? [] : [leaf(antwoord, 'RedenAfwijzingVerzoek')];
    return at(...locations, leaf(antwoord, 'Woonplaatsbeginsel'));
  },
});
