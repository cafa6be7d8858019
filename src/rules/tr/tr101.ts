/**
 * TR101: no duplicate classes in one message. Siblings of the same class may not share their logical key;
 * as in the official XSLT only siblings are compared (the parent classes' keys are implied by sharing
 * the parent), an absent key part equals only another absent part, and values compare exactly.
 */
import type { MessageNumber } from '../../standard/model.js';
import type { JsonElement, Violation } from '../types.js';
import { atRoot, children, descend, text, type Located } from '../walk.js';
import { at, BOTH_STANDARDS, trRule } from './common.js';

type KeyPart = readonly string[];

interface KeyedClass {
  /** Steps from /Bericht to the element that holds the class's siblings. */
  readonly parent: readonly string[];
  readonly name: string;
  /** Each part is a path of child names below the class (`['Product', 'Code']`). */
  readonly key: readonly KeyPart[];
}

const BSN: readonly KeyPart[] = [['Bsn']];
const PRESTATIE: readonly KeyPart[] = [
  ['ProductReferentie', 'ReferentieNummer'],
  ['ProductReferentie', 'VorigReferentieNummer'],
];

/** The logical keys the official XSLT uses, per message (FACTS §3/§4.1). */
const KEYED_CLASSES: Readonly<Partial<Record<MessageNumber, readonly KeyedClass[]>>> = {
  '301': [
    { parent: [], name: 'Client', key: BSN },
    { parent: ['Client', 'Relaties'], name: 'Relatie', key: [['Nummer']] },
    { parent: ['Client', 'Contactgegevens'], name: 'Contact', key: [['Soort']] },
    { parent: ['Client', 'ToegewezenProducten'], name: 'ToegewezenProduct', key: [['ToewijzingNummer']] },
  ],
  '305': [
    { parent: [], name: 'Client', key: BSN },
    {
      parent: ['Client', 'StartProducten'],
      name: 'StartProduct',
      key: [['ToewijzingNummer'], ['Product', 'Categorie'], ['Product', 'Code'], ['Begindatum']],
    },
  ],
  '307': [
    { parent: [], name: 'Client', key: BSN },
    {
      parent: ['Client', 'StopProducten'],
      name: 'StopProduct',
      key: [
        ['ToewijzingNummer'],
        ['Product', 'Categorie'],
        ['Product', 'Code'],
        ['Begindatum'],
        ['Einddatum'],
        ['RedenBeeindiging'],
      ],
    },
  ],
  '315': [
    { parent: [], name: 'Client', key: BSN },
    {
      parent: ['Client', 'AangevraagdeProducten'],
      name: 'AangevraagdProduct',
      key: [['ReferentieAanbieder']],
    },
  ],
  '317': [
    { parent: [], name: 'Client', key: BSN },
    { parent: ['Client'], name: 'Verzoek', key: [['ReferentieAanbieder']] },
    {
      parent: ['Client', 'Verzoek', 'OngewijzigdeProducten'],
      name: 'OngewijzigdProduct',
      key: [['ToewijzingNummer']],
    },
    {
      parent: ['Client', 'Verzoek', 'TeWijzigenProducten'],
      name: 'TeWijzigenProduct',
      key: [['ToewijzingNummer']],
    },
    {
      parent: ['Client', 'Verzoek', 'NieuweProducten'],
      name: 'NieuwProduct',
      key: [['Product', 'Categorie'], ['Product', 'Code'], ['GewensteIngangsdatum']],
    },
  ],
  '319': [{ parent: [], name: 'Antwoord', key: [['ReferentieAanbieder'], ['VerzoekAntwoord']] }],
  '323': [
    { parent: [], name: 'Declaratie', key: [['DeclaratieNummer']] },
    { parent: ['Declaratie', 'Clienten'], name: 'Client', key: BSN },
    { parent: ['Declaratie', 'Clienten', 'Client', 'Prestaties'], name: 'Prestatie', key: PRESTATIE },
  ],
  '325': [
    { parent: [], name: 'DeclaratieAntwoord', key: [['DeclaratieNummer']] },
    { parent: ['DeclaratieAntwoord', 'Clienten'], name: 'Client', key: BSN },
    { parent: ['DeclaratieAntwoord', 'Clienten', 'Client', 'Prestaties'], name: 'Prestatie', key: PRESTATIE },
  ],
};

/** A string no two different keys share: each part is marked present (with its value) or absent. */
function keyOf(el: JsonElement, key: readonly KeyPart[]): string {
  let result = '';
  for (const part of key) {
    const value = text(el, ...part);
    result += value === undefined ? '-\u0000' : `+${value}\u0000`;
  }
  return result;
}

/**
 * The members of every group of siblings sharing a key, group after group in the order the official
 * XSLT reports them (at the group's last member), each group in document order.
 */
function duplicates(siblings: readonly Located[], key: readonly KeyPart[]): Located[] {
  const groups = new Map<string, Located[]>();
  const lastIndex = new Map<string, number>();
  siblings.forEach((sibling, index) => {
    const k = keyOf(sibling.el, key);
    const group = groups.get(k);
    if (group === undefined) groups.set(k, [sibling]);
    else group.push(sibling);
    lastIndex.set(k, index);
  });
  return [...groups.entries()]
    .filter(([, group]) => group.length > 1)
    .sort(([a], [b]) => (lastIndex.get(a) ?? 0) - (lastIndex.get(b) ?? 0))
    .flatMap(([, group]) => group);
}

export const tr101 = trRule({
  code: 'TR101',
  messages: ['301', '305', '307', '315', '317', '319', '323', '325'],
  standards: BOTH_STANDARDS,
  explanation:
    'Het bericht bevat dezelfde berichtklasse meer dan eens met dezelfde logische sleutel (bijvoorbeeld twee keer ' +
    'hetzelfde ToewijzingNummer, dezelfde ReferentieAanbieder of dezelfde ProductReferentie). ' +
    'Neem elke klasse maar één keer op of voeg de dubbele klassen samen.',
  note:
    'Keys as in the official XSLT, which differs from the written key in two places: a Prestatie is keyed on ' +
    'ReferentieNummer + VorigReferentieNummer, and the 319 Antwoord (ReferentieAanbieder + VerzoekAntwoord) is ' +
    'checked too, although a schema-valid 319 has only one Antwoord. Only siblings are compared, so two clients ' +
    'of one 323 may reuse a ReferentieNummer (TR314 catches that at level 3).',
  check({ bericht, number }) {
    const found: Violation[] = [];
    for (const keyed of KEYED_CLASSES[number] ?? []) {
      for (const parent of descend(atRoot(bericht), ...keyed.parent)) {
        const dups = duplicates(children(parent, keyed.name), keyed.key);
        found.push(...at(...dups.map((dup) => dup.path)));
      }
    }
    return found;
  },
});
