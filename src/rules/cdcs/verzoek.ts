/** CD043, CD066, CD067, CD068 (AangevraagdProduct of the 315) and CD085, CD086 (Antwoord of the 319). */
import type { JsonElement, Violation } from '../types.js';
import { atRoot, descend, leaf, type Located } from '../walk.js';
import { AANGEVRAAGD_PRODUCT, products } from './places.js';
import { at, BOTH_STANDARDS, cdcsRule, filled, isOneOf, leafIfPresent } from './util.js';

export const cd043 = cdcsRule({
  code: 'CD043',
  messages: ['315'],
  standards: BOTH_STANDARDS,
  explanation:
    'BeschikkingNummer en BeschikkingIngangsdatum horen bij elkaar: de een is gevuld en de ander niet. Vul ' +
    'BeschikkingIngangsdatum wanneer er een BeschikkingNummer is, en laat hem anders weg.',
  check({ bericht }) {
    const found: Violation[] = [];
    for (const { node } of products(bericht, [AANGEVRAAGD_PRODUCT])) {
      if (filled(node.el, 'BeschikkingNummer') !== filled(node.el, 'BeschikkingIngangsdatum')) {
        found.push(
          ...at(leafIfPresent(node, 'BeschikkingNummer'), leafIfPresent(node, 'BeschikkingIngangsdatum')),
        );
      }
    }
    return found;
  },
});

/** Huisarts, jeugdarts, gecertificeerde instelling, medisch specialist: verwijzers with an AGB code. */
const VERWIJZERS_MET_AGB = ['02', '03', '04', '05'];

function verwijzers(bericht: JsonElement): Located[] {
  return products(bericht, [AANGEVRAAGD_PRODUCT]).flatMap(({ node }) => descend(node, 'Verwijzer'));
}

export const cd066 = cdcsRule({
  code: 'CD066',
  messages: ['315'],
  standards: BOTH_STANDARDS,
  explanation:
    'De Verwijzer (Type 02, 03, 04 of 05) heeft zowel een ZorgverlenerCode als een Naam. Met een ' +
    'ZorgverlenerCode blijft de Naam leeg: laat de Naam weg.',
  check({ bericht }) {
    return verwijzers(bericht)
      .filter(
        (verwijzer) =>
          isOneOf(verwijzer.el, 'Type', VERWIJZERS_MET_AGB) &&
          filled(verwijzer.el, 'ZorgverlenerCode') &&
          filled(verwijzer.el, 'Naam'),
      )
      .flatMap((verwijzer) =>
        at(leaf(verwijzer, 'Type'), leaf(verwijzer, 'Naam'), leaf(verwijzer, 'ZorgverlenerCode')),
      );
  },
});

export const cd067 = cdcsRule({
  code: 'CD067',
  messages: ['315'],
  standards: BOTH_STANDARDS,
  explanation:
    'De Verwijzer (Type 02, 03, 04 of 05) heeft geen ZorgverlenerCode en ook geen Naam. Vul de ' +
    'ZorgverlenerCode (AGB-code) van de verwijzer, of anders diens Naam.',
  check({ bericht }) {
    return verwijzers(bericht)
      .filter(
        (verwijzer) =>
          isOneOf(verwijzer.el, 'Type', VERWIJZERS_MET_AGB) &&
          !filled(verwijzer.el, 'ZorgverlenerCode') &&
          !filled(verwijzer.el, 'Naam'),
      )
      .flatMap((verwijzer) =>
        at(
          leaf(verwijzer, 'Type'),
          leafIfPresent(verwijzer, 'Naam'),
          leafIfPresent(verwijzer, 'ZorgverlenerCode'),
        ),
      );
  },
});

export const cd068 = cdcsRule({
  code: 'CD068',
  messages: ['315'],
  standards: BOTH_STANDARDS,
  explanation:
    'De Verwijzer heeft een ZorgverlenerCode terwijl Type niet 02, 03, 04 of 05 (huisarts, jeugdarts, ' +
    'gecertificeerde instelling, medisch specialist) is. Laat de ZorgverlenerCode weg, of corrigeer het Type.',
  check({ bericht }) {
    return verwijzers(bericht)
      .filter(
        (verwijzer) =>
          !isOneOf(verwijzer.el, 'Type', VERWIJZERS_MET_AGB) && filled(verwijzer.el, 'ZorgverlenerCode'),
      )
      .flatMap((verwijzer) => at(leafIfPresent(verwijzer, 'Type'), leaf(verwijzer, 'ZorgverlenerCode')));
  },
});

function antwoorden(bericht: JsonElement): Located[] {
  return descend(atRoot(bericht), 'Antwoord');
}

export const cd085 = cdcsRule({
  code: 'CD085',
  messages: ['319'],
  standards: BOTH_STANDARDS,
  explanation:
    'VerzoekAntwoord is 1 (verzoek afgewezen) maar RedenAfwijzingVerzoek ontbreekt. Vul de reden van ' +
    'afwijzing.',
  check({ bericht }) {
    return antwoorden(bericht)
      .filter(
        (antwoord) =>
          isOneOf(antwoord.el, 'VerzoekAntwoord', ['1']) && !filled(antwoord.el, 'RedenAfwijzingVerzoek'),
      )
      .flatMap((antwoord) =>
        at(leaf(antwoord, 'VerzoekAntwoord'), leafIfPresent(antwoord, 'RedenAfwijzingVerzoek')),
      );
  },
});

export const cd086 = cdcsRule({
  code: 'CD086',
  messages: ['319'],
  standards: BOTH_STANDARDS,
  explanation:
    'VerzoekAntwoord is 2 (aanvraag in onderzoek) maar er staat een RedenAfwijzingVerzoek. Een verzoek in ' +
    'onderzoek is niet afgewezen: laat RedenAfwijzingVerzoek weg.',
  check({ bericht }) {
    return antwoorden(bericht)
      .filter(
        (antwoord) =>
          isOneOf(antwoord.el, 'VerzoekAntwoord', ['2']) && filled(antwoord.el, 'RedenAfwijzingVerzoek'),
      )
      .flatMap((antwoord) => at(leaf(antwoord, 'VerzoekAntwoord'), leaf(antwoord, 'RedenAfwijzingVerzoek')));
  },
});
