/**
 * The basisschema of iWmo 3.2 and iJw 3.2 as data: every LDT_ simple type and CDT_ complex type.
 *
 * Facets are copied from the official basisschema.xsd of each standard and must stay byte-exact: the XSD
 * generator writes them back, and the conformance suite compares validation verdicts of our schemas with the
 * official ones (test/standard/basis.test.ts compares this file with the official XSDs). Enumerations are
 * not inlined; a type names its code list (src/standard/codelists/) instead.
 *
 * The two standards share one basisschema except for the code lists of LDT_ProductCategorie,
 * LDT_RedenBeeindiging and LDT_RedenWijziging (the last has the same values in both, but is a separate list
 * of each standard: WMO002 / JZ002) and the documentation of the first two (FACTS §1).
 */
import type { ComplexType, ElementDecl, SimpleType, StandardId } from './model.js';

/**
 * The standard's "not blank" pattern: at least one non-whitespace character. XSD patterns are anchored to
 * the whole value, so this rejects values that consist of whitespace only.
 */
const NOT_BLANK = '.*[^\\s].*';

/** Dates without a time zone (RS032): xs:date would accept `2023-01-01Z` and `2023-01-01+01:00`. */
const DATE_WITHOUT_ZONE = '[^:Z]*';

/** Times without a time zone: excludes the `Z`, `+hh:mm` and `-hh:mm` suffixes xs:time would accept. */
const TIME_WITHOUT_ZONE = '[^Z+-]+';

/**
 * Free text with at least one non-whitespace character, written by the standard in this roundabout form.
 * Kept verbatim: any rewrite could change which (pathological) values the official XSD accepts.
 */
const COMMENTAAR = '([.\\s]*\\S+[.\\s]*)+';

/**
 * ASCII letters plus every code point from À (U+00C0) to ỳ (U+1EF3); written with escapes so the range is
 * unambiguous. The range also admits a few non-letters (× and ÷), as the official pattern does.
 */
const VOORLETTERS = '([a-zA-Z\u00C0-\u1EF3])+';

/** A version `n.n.n` without leading zeros (XsdVersie, IV034). */
const VERSIE = '(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)';

interface StringFacets {
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly pattern?: string;
}

function str(name: string, facets: StringFacets, documentation?: string): SimpleType {
  const { pattern, ...lengths } = facets;
  return {
    kind: 'simple',
    name,
    base: 'string',
    ...lengths,
    ...(pattern !== undefined ? { patterns: [pattern] } : {}),
    ...(documentation !== undefined ? { documentation } : {}),
  };
}

/** A coded value: the official types restrict the length and enumerate the code list's values. */
function coded(name: string, maxLength: number, codeList: string, documentation?: string): SimpleType {
  return {
    kind: 'simple',
    name,
    base: 'string',
    maxLength,
    codeList,
    ...(documentation !== undefined ? { documentation } : {}),
  };
}

function int(name: string, minInclusive: number, maxInclusive: number, documentation: string): SimpleType {
  return { kind: 'simple', name, base: 'integer', minInclusive, maxInclusive, documentation };
}

/** Per-standard differences of the basisschema. */
const BY_STANDARD: Readonly<
  Record<
    StandardId,
    {
      readonly productCategorie: string;
      readonly productCategorieDoc: string;
      readonly redenBeeindiging: string;
      readonly redenBeeindigingDoc: string;
      readonly redenWijziging: string;
    }
  >
> = {
  iwmo: {
    productCategorie: 'WMO020',
    productCategorieDoc:
      'Gecodeerde aanduiding van hoofdcategorieen van producten in het kader van de Wet maatschappelijke ondersteuning (Wmo).',
    redenBeeindiging: 'WMO588',
    redenBeeindigingDoc: 'De reden van beeindiging van Wmo ondersteuning bij een client.',
    redenWijziging: 'WMO002',
  },
  ijw: {
    productCategorie: 'JZ020',
    productCategorieDoc:
      'Gecodeerde aanduiding van hoofdcategorieen van producten in het kader van de Jeugdwet.',
    redenBeeindiging: 'JZ588',
    redenBeeindigingDoc: 'De reden van beeindiging van de Jeugdhulp bij een client.',
    redenWijziging: 'JZ002',
  },
};

/** Documentation shared by the three money types. */
const CENTS = 'in 1/100 van gehanteerde valuta. Bijvoorbeeld 10000 is tienduizend eurocent, is 100 Euro.';

/** Every LDT_ simple type of the basisschema of `standard`, in name order. */
export function basisSimpleTypes(standard: StandardId): Record<string, SimpleType> {
  const s = BY_STANDARD[standard];
  const types: SimpleType[] = [
    coded(
      'LDT_AanduidingWoonadres',
      2,
      'NUM061',
      'De aanduiding die wordt gebruikt voor adressen die niet zijn voorzien van de gebruikelijke straatnaam en huisnummeraanduidingen.',
    ),
    coded('LDT_AdresSoort', 2, 'COD757', 'Nadere typering van het adres.'),
    str(
      'LDT_AgbCode',
      { minLength: 1, maxLength: 8, pattern: '[0-9]{8}' },
      'Identificerende code van een instelling of aanbieder van zorg of ondersteuning (zie https://www.agbcode.nl)',
    ),
    int('LDT_Bedrag', 0, 99999999, `Bedrag ${CENTS}`),
    str(
      'LDT_BerichtCode',
      { minLength: 1, maxLength: 3 },
      'Code ter identificatie van een soort bericht. Per bericht is gespecificeerd welke code gebruikt moet worden. De volledige codelijst is te vinden op het portaal van Vektis (http://ei.vektis.nl/WespCodelijstenDetail.aspx?Co_Ge_Code=COD002&Co_Or_Code=VEKT).',
    ),
    int(
      'LDT_BerichtSubversie',
      0,
      99,
      'Volgnummer van de formele uitgifte van een minor release van een iStandaard.',
    ),
    int(
      'LDT_BerichtVersie',
      0,
      99,
      'Volgnummer van de formele uitgifte van een major release van een iStandaard.',
    ),
    int('LDT_Budget', 0, 99999999, `Budget ${CENTS}`),
    str(
      'LDT_BurgerServicenummer',
      { minLength: 1, maxLength: 9, pattern: '[0-9]{9}' },
      'Een door de overheid toegekend identificerend nummer in het kader van het vereenvoudigen van het contact tussen overheid en burgers en het verminderen van de administratieve lasten.',
    ),
    str(
      'LDT_Commentaar',
      { minLength: 1, pattern: COMMENTAAR },
      'Vrije tekst (bijvoorbeeld een toelichting) in een bericht.',
    ),
    coded(
      'LDT_Communicatievorm',
      1,
      'COD747',
      'Gecodeerde aanduiding van de bijzondere vorm van communicatie die gebruikt dient te worden.',
    ),
    {
      kind: 'simple',
      name: 'LDT_Datum',
      base: 'date',
      patterns: [DATE_WITHOUT_ZONE],
      documentation: 'Datum',
    },
    coded(
      'LDT_DatumGebruik',
      1,
      'COD170',
      'Indicator die aangeeft welk deel van de voorafgaande datum gebruikt mag worden.',
    ),
    // The official type has no documentation.
    coded('LDT_DebetCredit', 1, 'COD043'),
    coded(
      'LDT_Eenheid',
      2,
      'WJ756',
      'Aanduiding van de eenheid waarin de omvang van een ondersteuningsproduct is beschreven.',
    ),
    str(
      'LDT_Emailadres',
      { minLength: 1, maxLength: 80, pattern: NOT_BLANK },
      'Emailadres van een client of relatie.',
    ),
    coded(
      'LDT_Frequentie',
      1,
      'WMO757',
      'Aanduiding van de frequentie waarmee een ondersteuningsproduct geleverd wordt.',
    ),
    // No maxLength: the pattern alone fixes the length (and CBS codes are checked against the list by TR378).
    str(
      'LDT_Gemeente',
      { minLength: 1, pattern: '[0-9]{4}' },
      'Identificerende code van een gemeente die betrokken is bij de uitvoering van zorg of ondersteuning.',
    ),
    coded(
      'LDT_Geslacht',
      1,
      'COD046',
      'De sekse van een persoon, zoals bij geboorte formeel vastgesteld of nadien formeel gewijzigd.',
    ),
    str(
      'LDT_Huisletter',
      { minLength: 1, maxLength: 1, pattern: NOT_BLANK },
      'Een alfabetisch teken achter het huisnummer zoals dit door het gemeentebestuur is toegekend.',
    ),
    int(
      'LDT_Huisnummer',
      0,
      99999,
      'De numerieke aanduiding zoals de gemeente die aan het object heeft toegekend.',
    ),
    str(
      'LDT_HuisnummerToevoeging',
      { minLength: 1, maxLength: 4, pattern: NOT_BLANK },
      'Die letters of tekens die noodzakelijk zijn om, naast huisnummer en -letter, de brievenbus te vinden.',
    ),
    str(
      'LDT_IdentificatieBericht',
      { minLength: 1, maxLength: 12, pattern: NOT_BLANK },
      'Naam of nummer, die ter identificatie aan een totale aanlevering kan worden meegegeven.',
    ),
    // Unlike LDT_IdentificatieBericht, the official type has no "not blank" pattern.
    str(
      'LDT_IdentificatieDeclaratie',
      { minLength: 1, maxLength: 12 },
      'Identificatie van een declaratie zoals bepaald door de zorgaanbieder',
    ),
    coded('LDT_JaNee', 1, 'COD260', 'Codering voor ja of nee.'),
    coded(
      'LDT_JuridischeStatus',
      2,
      'WJ232',
      'Juridische situatie die voor de client van toepassing is op het moment van beoordeling.',
    ),
    coded('LDT_LandCode', 2, 'COD032', 'Identificatie van een (historisch/actueel) land of gebiedsdeel.'),
    str(
      'LDT_Landnummer',
      { minLength: 1, maxLength: 4, pattern: NOT_BLANK },
      'Het telefoonnummer van een land, vanuit Nederland benaderd.',
    ),
    str(
      'LDT_Naam',
      { minLength: 1, maxLength: 200, pattern: NOT_BLANK },
      'De naam van een persoon, indien nodig verkort weergegeven.',
    ),
    coded('LDT_NaamGebruik', 1, 'COD700', 'Aanduiding naamgebruik (gecodeerd).'),
    str(
      'LDT_NaamVerwijzer',
      { minLength: 1, maxLength: 64, pattern: NOT_BLANK },
      'Naam of organisatienaam van de persoon of instantie die de client heeft doorverwezen naar ondersteuning.',
    ),
    int('LDT_Nummer', 0, 999999999, 'Nummer'),
    str(
      'LDT_Organisatienaam',
      { minLength: 1, maxLength: 35, pattern: NOT_BLANK },
      'De naam van een organisatie waar de client of relatie client verblijft.',
    ),
    str(
      'LDT_Persoonsid',
      { minLength: 1, maxLength: 20, pattern: NOT_BLANK },
      'Identificerend nummer van een natuurlijk persoon.',
    ),
    str(
      'LDT_Plaatsnaam',
      { minLength: 1, maxLength: 80, pattern: NOT_BLANK },
      'De door de gemeente vastgestelde naam van een woonplaats.',
    ),
    str(
      'LDT_Postcode',
      { minLength: 1, maxLength: 8, pattern: NOT_BLANK },
      'Aanduiding van de (inter)nationale postcode. Dit veld is geschikt voor zowel de Nederlandse als niet-Nederlandse postcodes.',
    ),
    coded('LDT_ProductCategorie', 2, s.productCategorie, s.productCategorieDoc),
    str(
      'LDT_ProductCode',
      { minLength: 1, maxLength: 5, pattern: NOT_BLANK },
      'Gecodeerde aanduiding van een product voor zorg of ondersteuning.',
    ),
    coded('LDT_RedenAfwijzingVerzoek', 2, 'WJ759', 'De reden van afwijzing van een verzoek.'),
    coded('LDT_RedenBeeindiging', 2, s.redenBeeindiging, s.redenBeeindigingDoc),
    coded('LDT_RedenVerzoek', 1, 'WJ758', 'Reden waarom een verzoek wordt ingediend'),
    coded('LDT_RedenWijziging', 2, s.redenWijziging, 'De reden waarom een toewijzing wordt gewijzigd.'),
    str(
      'LDT_Referentie',
      { minLength: 1, maxLength: 36, pattern: NOT_BLANK },
      'Naam of nummer dat als referentie kan worden meegegeven.',
    ),
    // No "not blank" pattern and no documentation in the official type.
    str('LDT_ReferentieNummer', { minLength: 1, maxLength: 20 }),
    int('LDT_RelatieVolgorde', 0, 99, 'Aanduiding van de prioriteit van de contactpersoon.'),
    coded(
      'LDT_RetourCode',
      4,
      'WJ001',
      'Melding in een iStandaarden-retourbericht. Het betreft een code die in een retourbericht het resultaat van de beoordeling van een (deel van een) ontvangen bericht weergeeft.',
    ),
    coded(
      'LDT_SoortRelatie',
      2,
      'COD472',
      'De soort relatie die een persoon ten opzichte van de client heeft.',
    ),
    coded(
      'LDT_StatusAanlevering',
      1,
      'COD467',
      'Indicatie over de status van de informatie in de berichtklasse.',
    ),
    str(
      'LDT_Straatnaam',
      { minLength: 1, maxLength: 24, pattern: NOT_BLANK },
      'De officiele door de gemeente vastgestelde naam van een straat.',
    ),
    str(
      'LDT_Taal',
      { minLength: 1, maxLength: 25, pattern: NOT_BLANK },
      'De taal van de client waarin met de client wordt gecommuniceerd.',
    ),
    // Digits only, but `*` allows the empty string here; minLength 1 is what forbids it.
    str(
      'LDT_Telefoonnummer',
      { minLength: 1, maxLength: 15, pattern: '[0-9]*' },
      'Het telefoonnummer waarop de client of relatie van de client te bereiken is.',
    ),
    { kind: 'simple', name: 'LDT_Tijd', base: 'time', patterns: [TIME_WITHOUT_ZONE], documentation: 'Tijd' },
    int('LDT_TotaalBedrag', 0, 999999999999, `Totaalbedrag ${CENTS}`),
    coded('LDT_TypeVerwijzer', 2, 'COD327', 'Aanduiding van de aard van de verwijzer.'),
    str(
      'LDT_Versie',
      { minLength: 1, pattern: VERSIE },
      'Volgnummer van de formele uitgifte van een versie.',
    ),
    coded('LDT_VerzoekAntwoord', 1, 'WJ760', 'Het antwoord op een verzoek'),
    int(
      'LDT_Volume',
      0,
      99999999,
      'Aanduiding van de mate van ondersteuning betreffende een product, onderdeel van de Omvang.',
    ),
    str(
      'LDT_Voorletters',
      { minLength: 1, maxLength: 6, pattern: VOORLETTERS },
      'De verzameling van letters die wordt gevormd door de eerste letter van alle in volgorde voorkomende voornamen van een persoon.',
    ),
    str(
      'LDT_Voorvoegsel',
      { minLength: 1, maxLength: 10, pattern: NOT_BLANK },
      'Verzameling van een of meer voorzetsels/lidwoorden, die aan het significante deel van de achternaam van een persoon vooraf gaat en daar een onderdeel van is.',
    ),
    coded(
      'LDT_WettelijkeVertegenwoordiging',
      2,
      'WJ003',
      'Wettelijke vertegenwoordiging die voor de client van toepassing is op het moment van beoordeling.',
    ),
  ];
  return Object.fromEntries(types.map((t) => [t.name, t]));
}

/** A mandatory child (minOccurs/maxOccurs 1, the XSD default). */
function req(name: string, type: string): ElementDecl {
  return { name, type };
}

/** An optional child (minOccurs 0). */
function opt(name: string, type: string): ElementDecl {
  return { name, type, min: 0 };
}

function complex(name: string, elements: readonly ElementDecl[], documentation?: string): ComplexType {
  return { kind: 'complex', name, elements, ...(documentation !== undefined ? { documentation } : {}) };
}

/**
 * Every CDT_ complex type of the basisschema of `standard`, in name order. The structure is the same in
 * both standards; the parameter keeps the signature parallel to `basisSimpleTypes`.
 */
export function basisComplexTypes(_standard: StandardId): Record<string, ComplexType> {
  const types: ComplexType[] = [
    complex(
      'CDT_Achternaam',
      [req('Achternaam', 'LDT_Naam'), opt('Voorvoegsel', 'LDT_Voorvoegsel')],
      'De achternaam van een natuurlijk persoon, aangeduid als Naam met Voorvoegsel.',
    ),
    complex(
      'CDT_Adres',
      [
        opt('Huis', 'CDT_Huis'),
        opt('Postcode', 'LDT_Postcode'),
        opt('Straatnaam', 'LDT_Straatnaam'),
        opt('Plaatsnaam', 'LDT_Plaatsnaam'),
        opt('LandCode', 'LDT_LandCode'),
      ],
      'Gegevens voor de aanduiding van een adres.',
    ),
    complex(
      'CDT_BedragMetDC',
      [req('Bedrag', 'LDT_Bedrag'), req('DebetCredit', 'LDT_DebetCredit')],
      'Samengesteld bedrag met DebetCredit indicatie.',
    ),
    complex(
      'CDT_BerichtIdentificatie',
      [req('Identificatie', 'LDT_IdentificatieBericht'), req('Dagtekening', 'LDT_Datum')],
      'Naam of nummer en dagtekening ter identificatie van een totale aanlevering.',
    ),
    complex(
      'CDT_Communicatie',
      [req('Vorm', 'LDT_Communicatievorm'), opt('Taal', 'LDT_Taal')],
      'Aanduiding over bijzondere vorm van communicatie die gebruikt dient te worden.',
    ),
    complex(
      'CDT_Geboortedatum',
      [req('Datum', 'LDT_Datum'), opt('DatumGebruik', 'LDT_DatumGebruik')],
      'Datum waarop een natuurlijk persoon geboren is.',
    ),
    complex(
      'CDT_GeslotenPeriode',
      [req('Begindatum', 'LDT_Datum'), req('Einddatum', 'LDT_Datum')],
      'Tijdsperiode met zowel begin- als einddatum',
    ),
    complex(
      'CDT_Huis',
      [
        req('Huisnummer', 'LDT_Huisnummer'),
        opt('Huisletter', 'LDT_Huisletter'),
        opt('HuisnummerToevoeging', 'LDT_HuisnummerToevoeging'),
        opt('AanduidingWoonadres', 'LDT_AanduidingWoonadres'),
      ],
      'Aanduiding van een specifiek huis in een straat, onderdeel van het adres.',
    ),
    complex(
      'CDT_Omvang',
      [req('Volume', 'LDT_Volume'), req('Eenheid', 'LDT_Eenheid'), req('Frequentie', 'LDT_Frequentie')],
      'Aanduiding van de omvang van de te leveren of geleverde ondersteuning, uitgedrukt in Volume, Eenheid en Frequentie.',
    ),
    // Both dates optional: a period may be open at either end (CS003 checks the order when both are given).
    complex(
      'CDT_OpenPeriode',
      [opt('Begindatum', 'LDT_Datum'), opt('Einddatum', 'LDT_Datum')],
      'Aanduiding van een tijdsperiode met een Begindatum en/of een Einddatum.',
    ),
    complex(
      'CDT_Product',
      [req('Categorie', 'LDT_ProductCategorie'), opt('Code', 'LDT_ProductCode')],
      'Gecodeerde omschrijving van een product, dienst of resultaat ten behoeve van het leveren van ondersteuning aan een client. Product wordt uitgedrukt in een categorie en eventueel nader gespecificeerd met een specifieke productcode.',
    ),
    // No documentation in the official type. VorigReferentieNummer is mandatory for a credit (CD060).
    complex('CDT_Referentie', [
      req('ReferentieNummer', 'LDT_ReferentieNummer'),
      opt('VorigReferentieNummer', 'LDT_ReferentieNummer'),
    ]),
    complex(
      'CDT_Telefoon',
      [req('Telefoonnummer', 'LDT_Telefoonnummer'), req('Landnummer', 'LDT_Landnummer')],
      'Het telefoonnummer waarop de client of relatie van de client te bereiken is.',
    ),
    complex(
      'CDT_Telefoonnummers',
      [req('Telefoon01', 'CDT_Telefoon'), opt('Telefoon02', 'CDT_Telefoon')],
      'De telefoonnummers waarop de client of relatie van de client te bereiken is.',
    ),
    complex(
      'CDT_TotaalBedragMetDC',
      [req('TotaalBedrag', 'LDT_TotaalBedrag'), req('DebetCredit', 'LDT_DebetCredit')],
      'Samengesteld totaal bedrag met DebetCredit indicatie.',
    ),
    complex(
      'CDT_VerkorteNaam',
      [
        req('Geslachtsnaam', 'CDT_Achternaam'),
        opt('Voornamen', 'LDT_Naam'),
        opt('Voorletters', 'LDT_Voorletters'),
      ],
      'De naam van een natuurlijk persoon, aangeduid als Geslachtsnaam en eventueel Voornamen en/of Voorletters.',
    ),
    complex(
      'CDT_Verwijzer',
      [
        req('Type', 'LDT_TypeVerwijzer'),
        opt('Naam', 'LDT_NaamVerwijzer'),
        opt('ZorgverlenerCode', 'LDT_AgbCode'),
      ],
      'Gegevens over de persoon of instantie die een client heeft doorverwezen naar ondersteuning, aangeduid als Type en Naam of ZorgverlenerCode.',
    ),
    complex(
      'CDT_VolledigeNaam',
      [
        req('Geslachtsnaam', 'CDT_Achternaam'),
        opt('Partnernaam', 'CDT_Achternaam'),
        opt('Voornamen', 'LDT_Naam'),
        opt('Voorletters', 'LDT_Voorletters'),
        req('NaamGebruik', 'LDT_NaamGebruik'),
      ],
      'Volledige naam van een natuurlijk persoon, aangeduid als Geslachtsnaam, eventueel Partnernaam, Voornamen en/of Voorletters en NaamGebruik.',
    ),
    // No documentation in the official type.
    complex('CDT_XsdVersie', [
      req('BasisschemaXsdVersie', 'LDT_Versie'),
      req('BerichtXsdVersie', 'LDT_Versie'),
    ]),
  ];
  return Object.fromEntries(types.map((t) => [t.name, t]));
}
