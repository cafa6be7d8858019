/**
 * Plain-Dutch explanations and fix hints for every WJ001 retourcode, for operators and back-office users who
 * see a code in a retourbericht or a declaratie-antwoord and need to know what the receiver found and what to
 * do next. iWmo 3.2 and iJw 3.2 share the one WJ001 list, so one table serves both standards.
 *
 * The official meaning is not repeated here: it is read from the project's own code list at load time, so
 * a correction of the list reaches the explanations without a second edit. The texts describe the situation
 * in general terms and never contain values from a message (no BSN, AGB, numbers or amounts), so they may be
 * logged and shown anywhere.
 *
 * Levels follow IV032: 0001 is the level-2 verdict (the official XSLT), the rule-specific codes come from a
 * berichtoverstijgende controle (level 3, needs earlier messages) or an externe bron (level 4: system date,
 * CBS list, product list, contract). `rule` names the technical rule that yields the code.
 */
import { codeLists } from '../standard/codelists.js';

export interface RetourcodeExplanation {
  /** Official WJ001 meaning, from the project's code list. */
  readonly meaning: string;
  /** What the receiving party found, and at which control level. */
  readonly explanation: string;
  /** What the sender of the assessed message should do next. */
  readonly hint: string;
  /** The technical rule (TRnnn) that yields this code; absent for the general verdicts. */
  readonly rule?: string;
}

export interface ExplainedRetourcode extends RetourcodeExplanation {
  readonly code: string;
}

type Note = Omit<RetourcodeExplanation, 'meaning'>;

// Recurring sentences, kept in one place so the outcome is worded the same for every code.
const WHOLE_MESSAGE =
  'Het hele bericht is afgekeurd en niet verwerkt; de code staat op de berichtklasse waarin de fout is gevonden.';
const HEADER_ONLY =
  'Het hele bericht is afgekeurd en niet verwerkt; het retourbericht bevat alleen de Header met deze code.';
const PRESTATIE_REJECTED =
  'In het declaratie-antwoord is deze prestatie afgewezen; de andere prestaties van de declaratie zijn apart beoordeeld.';
const RESEND = 'Verstuur daarna een gecorrigeerd bericht met een nieuwe Identificatie.';
const REDECLARE = 'Dien de gecorrigeerde prestatie daarna opnieuw in met een volgende declaratie.';

/** Per code: explanation, hint and rule. The meaning is added from WJ001 below. */
const NOTES: Readonly<Record<string, Note>> = {
  '0001': {
    explanation:
      'Technisch afgekeurd op XSLT-niveau (niveau 2): het bericht voldoet niet aan een of meer technische regels, condities of constraints (TR, CD of CS) die binnen het bericht zelf te controleren zijn. Het hele bericht is afgekeurd en geldt als niet verzonden; het retourbericht bevat alleen de Header met deze code en de gebruikte XsltVersie.',
    hint: 'Valideer het bericht met de officiële XSLT of met de validatie van de berichtenpoort om te zien welke regel faalt, herstel de gegevens en verstuur het hele bericht opnieuw met een nieuwe Identificatie.',
  },
  '0200': {
    explanation:
      'Geen fout: de ontvanger heeft deze berichtklasse beoordeeld en heeft er geen opmerking over. Staat de code in de Header, dan zit een eventuele fout in een van de onderliggende klassen van het retourbericht.',
    hint: 'Geen actie nodig voor deze berichtklasse; kijk bij de andere klassen in het retourbericht welke code daar staat.',
  },
  '0233': {
    explanation:
      'Geen fout in deze klasse zelf: de ontvanger heeft deze berichtklasse niet beoordeeld, meestal omdat een bovenliggende of samenhangende klasse al is afgekeurd (bijvoorbeeld de prestaties van een afgewezen cliënt).',
    hint: 'Herstel eerst de fout in de klasse met een foutcode; deze klasse wordt beoordeeld wanneer het gecorrigeerde bericht opnieuw wordt verstuurd.',
  },
  '0611': {
    rule: 'TR418',
    explanation:
      'Berichtoverstijgende controle (niveau 3, TR418) tegen de contractgegevens: het ProductTarief van de prestatie is niet het tarief dat met de gemeente voor deze ProductCode is afgesproken. ' +
      PRESTATIE_REJECTED,
    hint:
      'Controleer het contract en de tarieftabel in het declaratiesysteem en declareer met het contractuele tarief. ' +
      REDECLARE,
  },
  '8001': {
    explanation:
      'Geen fout: de gemeente heeft de hele declaratie goedgekeurd. De code staat in het declaratie-antwoord bij de DeclaratieAntwoord-klasse; het toegekende totaalbedrag is gelijk aan het ingediende totaalbedrag en er worden geen prestaties teruggestuurd.',
    hint: 'Geen actie nodig: verwerk de declaratie in de administratie als volledig toegekend.',
  },
  '8017': {
    rule: 'TR323',
    explanation:
      'Berichtoverstijgende controle (niveau 3, TR323): een creditprestatie verwijst met VorigReferentieNummer naar een debetprestatie die de gemeente niet kent of niet heeft goedgekeurd. ' +
      PRESTATIE_REJECTED,
    hint:
      'Laat het VorigReferentieNummer verwijzen naar het ReferentieNummer van een eerder ingediende en goedgekeurde debetprestatie. ' +
      REDECLARE,
  },
  '8021': {
    rule: 'TR314',
    explanation:
      'Berichtoverstijgende controle (niveau 3, TR314): het ReferentieNummer van de prestatie is al eerder gebruikt door deze aanbieder binnen hetzelfde wettelijk domein (Wmo of Jeugdwet). ' +
      PRESTATIE_REJECTED,
    hint: 'Geef iedere prestatie een nieuw, uniek ReferentieNummer. ' + REDECLARE,
  },
  '8187': {
    rule: 'TR304',
    explanation:
      'Berichtoverstijgende controle (niveau 3, TR304): het Bsn in het bericht hoort niet bij de cliënt van de toewijzing of declaratie waarnaar het bericht verwijst. De berichtklasse is afgewezen en niet verwerkt.',
    hint: 'Controleer of het Bsn en het ToewijzingNummer (of de verwijzing naar de declaratie) bij dezelfde cliënt horen en corrigeer de koppeling in de administratie. Verstuur daarna een gecorrigeerd bericht.',
  },
  '8214': {
    rule: 'TR318',
    explanation:
      'Berichtoverstijgende controle (niveau 3, TR318): de DeclaratiePeriode is niet de kalendermaand direct na de vorige declaratieperiode, terwijl er in iedere periode zorg is geleverd. Er is dus een maand overgeslagen waarin wel zorg is geleverd. De declaratie is afgewezen.',
    hint: 'Declareer de maanden op volgorde: dien eerst de declaratie in voor de ontbrekende maand en daarna die voor deze periode.',
  },
  '8848': {
    rule: 'TR135',
    explanation:
      'Controle tegen een externe bron (niveau 4, TR135): de Dagtekening van het bericht ligt na de systeemdatum van de ontvanger, dus in de toekomst. ' +
      HEADER_ONLY,
    hint: 'Controleer de systeemdatum: de Dagtekening mag niet in de toekomst liggen. ' + RESEND,
  },
  '9019': {
    rule: 'TR019',
    explanation:
      'Berichtoverstijgende controle (niveau 3, TR019): het start- of stopbericht verwijst met ToewijzingNummer naar een toewijzing die de gemeente niet kent. ' +
      WHOLE_MESSAGE,
    hint:
      'Neem het ToewijzingNummer over uit het toewijzingsbericht van de gemeente; stuur pas een start of stop als de toewijzing is ontvangen. ' +
      RESEND,
  },
  '9056': {
    rule: 'TR056',
    explanation:
      'Berichtoverstijgende controle (niveau 3, TR056): de ontvanger heeft van deze afzender al een bericht van dezelfde berichtsoort met dezelfde Identificatie ontvangen. ' +
      HEADER_ONLY,
    hint: 'Gebruik per berichtsoort een unieke Identificatie en verstuur het bericht opnieuw.',
  },
  '9063': {
    rule: 'TR063',
    explanation:
      'Berichtoverstijgende controle (niveau 3, TR063): een klasse met StatusAanlevering 3 (verwijderen) verwijst naar een aanlevering die de ontvanger voor deze cliënt niet eerder heeft ontvangen; er valt dus niets te verwijderen. ' +
      WHOLE_MESSAGE,
    hint:
      'Verwijder alleen wat eerder is aangeleverd en neem de sleutelgegevens ongewijzigd over uit het eerdere bericht. ' +
      RESEND,
  },
  '9069': {
    rule: 'TR382',
    explanation:
      'Berichtoverstijgende controle (niveau 3, TR382): bij dit stopbericht is geen actueel startbericht gevonden met dezelfde sleutel (ToewijzingNummer, Product en Begindatum). ' +
      WHOLE_MESSAGE,
    hint:
      'Neem de sleutelgegevens ongewijzigd over uit het startbericht dat wordt beëindigd; verstuur eerst een startbericht als dat ontbreekt. ' +
      RESEND,
  },
  '9071': {
    rule: 'TR071',
    explanation:
      'Berichtoverstijgende controle (niveau 3, TR071): het startbericht mag niet meer worden verwijderd, omdat voor deze start al een stopbericht is verstuurd. ' +
      WHOLE_MESSAGE,
    hint: 'Verwijder eerst het stopbericht (StatusAanlevering 3) en verwijder daarna de start. ' + RESEND,
  },
  '9074': {
    rule: 'TR074',
    explanation:
      'Berichtoverstijgende controle (niveau 3, TR074): een klasse met StatusAanlevering 1 (eerste aanlevering) heeft dezelfde sleutel als een klasse die de ontvanger al eerder heeft ontvangen. ' +
      WHOLE_MESSAGE,
    hint:
      'Stuur geen eerste aanlevering opnieuw; gebruik StatusAanlevering 2 om een eerdere aanlevering te wijzigen of 3 om die te verwijderen. ' +
      RESEND,
  },
  '9307': {
    rule: 'TR307',
    explanation:
      'Berichtoverstijgende controle (niveau 3, TR307): de Begindatum van de ProductPeriode ligt vóór de Ingangsdatum van de toewijzing. ' +
      PRESTATIE_REJECTED,
    hint:
      'Declareer alleen zorg binnen de looptijd van de toewijzing en laat de ProductPeriode niet eerder beginnen dan de Ingangsdatum. ' +
      REDECLARE,
  },
  '9308': {
    rule: 'TR308',
    explanation:
      'Berichtoverstijgende controle (niveau 3, TR308): de Einddatum van de ProductPeriode ligt na de Einddatum van de toewijzing. ' +
      PRESTATIE_REJECTED,
    hint:
      'Declareer alleen zorg binnen de looptijd van de toewijzing en laat de ProductPeriode niet later eindigen dan de Einddatum. ' +
      REDECLARE,
  },
  '9319': {
    rule: 'TR319',
    explanation:
      'Berichtoverstijgende controle (niveau 3, TR319): de ProductPeriode van de prestatie valt niet in de huidige of een eerdere DeclaratiePeriode. Deze regel staat ook in de officiële XSLT; daar leidt hij tot code 0001. ' +
      PRESTATIE_REJECTED,
    hint:
      'Declareer een prestatie pas in de declaratieperiode waarin of na afloop waarvan de zorg is geleverd. ' +
      REDECLARE,
  },
  '9321': {
    rule: 'TR321',
    explanation:
      'Berichtoverstijgende controle (niveau 3, TR321): het GeleverdVolume van deze prestatie is groter dan de toegewezen Omvang voor de ProductPeriode (rekening houdend met Eenheid en Frequentie). ' +
      PRESTATIE_REJECTED,
    hint:
      'Declareer niet meer dan de toegewezen omvang; vraag bij meer benodigde zorg eerst een wijziging van de toewijzing aan. ' +
      REDECLARE,
  },
  '9322': {
    rule: 'TR322',
    explanation:
      'Berichtoverstijgende controle (niveau 3, TR322): alle prestaties op deze toewijzing samen overschrijden de maximale omvang over de hele looptijd van de toewijzing. ' +
      PRESTATIE_REJECTED,
    hint:
      'Controleer de eerder gedeclareerde volumes op deze toewijzing en declareer alleen het deel dat nog binnen de toegewezen omvang past. ' +
      REDECLARE,
  },
  '9326': {
    rule: 'TR326',
    explanation:
      'Berichtoverstijgende controle (niveau 3, TR326): voor dit toegewezen product loopt al een levering die nog niet is gestopt of verwijderd; er kan geen tweede start komen. ' +
      WHOLE_MESSAGE,
    hint:
      'Stop eerst de lopende levering met een stopbericht, of corrigeer de bestaande start in plaats van een nieuwe te sturen. ' +
      RESEND,
  },
  '9332': {
    rule: 'TR332',
    explanation:
      'Berichtoverstijgende controle (niveau 3, TR332): het ToewijzingNummer is binnen de gemeente en het wettelijk domein al gebruikt voor een andere toewijzing. ' +
      WHOLE_MESSAGE,
    hint:
      'Geef een nieuwe toewijzing een nog niet gebruikt ToewijzingNummer; gebruik een bestaand nummer alleen voor een wijziging van diezelfde toewijzing. ' +
      RESEND,
  },
  '9333': {
    rule: 'TR333',
    explanation:
      'Berichtoverstijgende controle (niveau 3, TR333): het DeclaratieNummer is al eerder gebruikt door deze aanbieder binnen hetzelfde wettelijk domein. De hele declaratie is afgewezen, het toegekende bedrag is nul en de declaratie geldt als niet verzonden.',
    hint: 'Geef iedere declaratie een nieuw, uniek DeclaratieNummer en dien de declaratie opnieuw in met een nieuwe Identificatie.',
  },
  '9338': {
    rule: 'TR338',
    explanation:
      'Berichtoverstijgende controle (niveau 3, TR338): de prestatie verwijst met ToewijzingNummer naar een toewijzing die de gemeente niet kent. ' +
      PRESTATIE_REJECTED,
    hint: 'Neem het ToewijzingNummer over uit het toewijzingsbericht van de gemeente. ' + REDECLARE,
  },
  '9339': {
    rule: 'TR339',
    explanation:
      'Berichtoverstijgende controle (niveau 3, TR339): de ProductCategorie van de prestatie wijkt af van de ProductCategorie in de toewijzing. ' +
      PRESTATIE_REJECTED,
    hint: 'Declareer met dezelfde ProductCategorie als in de toewijzing staat. ' + REDECLARE,
  },
  '9340': {
    rule: 'TR340',
    explanation:
      'Berichtoverstijgende controle (niveau 3, TR340): de ProductCode van de prestatie wijkt af van de ProductCode in de toewijzing. ' +
      PRESTATIE_REJECTED,
    hint: 'Declareer met dezelfde ProductCode als in de toewijzing staat. ' + REDECLARE,
  },
  '9341': {
    rule: 'TR341',
    explanation:
      'Berichtoverstijgende controle (niveau 3, TR341): de Eenheid van de prestatie past niet bij de Eenheid van de toewijzing (bij een toewijzing in uren mogen ook minuten; bij een aspecifieke of generieke toewijzing geldt de eenheid uit het contract). ' +
      PRESTATIE_REJECTED,
    hint:
      'Declareer in de eenheid van de toewijzing of in een eenheid die daarbij is toegestaan. ' + REDECLARE,
  },
  '9346': {
    rule: 'TR346',
    explanation:
      "Controle tegen een externe bron (niveau 4, TR346): bij een Eenheid anders dan euro's is het IngediendBedrag niet gelijk aan het GeleverdVolume maal het contractuele ProductTarief (bij een uurtarief gedeclareerd in minuten: tarief maal volume gedeeld door zestig, afgerond op twee decimalen). " +
      PRESTATIE_REJECTED,
    hint:
      'Reken het bedrag opnieuw uit met het contractuele tarief en het geleverde volume en controleer de afronding. ' +
      REDECLARE,
  },
  '9347': {
    rule: 'TR347',
    explanation:
      'Berichtoverstijgende controle (niveau 3, TR347): de ReferentieAanbieder is al eerder gebruikt door deze aanbieder binnen hetzelfde wettelijk domein. ' +
      WHOLE_MESSAGE,
    hint:
      'Geef ieder verzoek (en bij een verzoek om toewijzing ieder aangevraagd product) een nieuwe, unieke ReferentieAanbieder. ' +
      RESEND,
  },
  '9349': {
    rule: 'TR349',
    explanation:
      'Berichtoverstijgende controle (niveau 3, TR349): het verzoek om wijziging noemt niet alle actuele toewijzingen van de cliënt; iedere actuele toewijzing moet erin staan als OngewijzigdProduct of als TeWijzigenProduct. ' +
      WHOLE_MESSAGE,
    hint:
      'Neem iedere actuele toewijzing van de cliënt op in het verzoek om wijziging, als ongewijzigd of als te wijzigen product. ' +
      RESEND,
  },
  '9350': {
    rule: 'TR350',
    explanation:
      'Berichtoverstijgende controle (niveau 3, TR350): een OngewijzigdProduct verwijst met ToewijzingNummer niet naar een actuele toewijzing van de cliënt. ' +
      WHOLE_MESSAGE,
    hint:
      'Neem in OngewijzigdProduct alleen actuele toewijzingen op, met het ToewijzingNummer uit het toewijzingsbericht. ' +
      RESEND,
  },
  '9351': {
    rule: 'TR351',
    explanation:
      'Berichtoverstijgende controle (niveau 3, TR351): een TeWijzigenProduct verwijst met ToewijzingNummer niet naar een actuele toewijzing van de cliënt. ' +
      WHOLE_MESSAGE,
    hint:
      'Neem in TeWijzigenProduct alleen actuele toewijzingen op, met het ToewijzingNummer uit het toewijzingsbericht. ' +
      RESEND,
  },
  '9355': {
    rule: 'TR355',
    explanation:
      'Berichtoverstijgende controle (niveau 3, TR355): de ReferentieAanbieder in het antwoordbericht komt niet voor in een eerder ontvangen verzoek om toewijzing of verzoek om wijziging. ' +
      WHOLE_MESSAGE,
    hint:
      'Neem de ReferentieAanbieder ongewijzigd over uit het verzoek waarop het antwoordbericht antwoordt. ' +
      RESEND,
  },
  '9357': {
    rule: 'TR357',
    explanation:
      'Berichtoverstijgende controle (niveau 3, TR357): de GewensteIngangsdatum ligt op of vóór de Dagtekening, maar is niet gelijk aan de Ingangsdatum van de oorspronkelijke toewijzing. Een wijziging die niet in de toekomst ingaat, geldt voor de hele periode van de toewijzing. ' +
      WHOLE_MESSAGE,
    hint:
      'Kies een GewensteIngangsdatum na de Dagtekening, of gebruik de Ingangsdatum van de oorspronkelijke toewijzing. ' +
      RESEND,
  },
  '9359': {
    rule: 'TR359',
    explanation:
      'Berichtoverstijgende controle (niveau 3, TR359): voor deze ReferentieAanbieder is al een toewijzing verstuurd; het verzoek is daarmee al beantwoord en een antwoordbericht is niet meer toegestaan. ' +
      WHOLE_MESSAGE,
    hint: 'Stuur geen antwoordbericht op een verzoek dat al met een toewijzing is gehonoreerd; controleer de status van het verzoek in de administratie.',
  },
  '9360': {
    rule: 'TR360',
    explanation:
      'Berichtoverstijgende controle (niveau 3, TR360): een antwoordbericht met VerzoekAntwoord 2 (aanvraag in onderzoek) is verstuurd terwijl er voor deze ReferentieAanbieder al een antwoordbericht bestaat. ' +
      WHOLE_MESSAGE,
    hint: 'Meld een verzoek maar één keer als in onderzoek; stuur daarna een toewijzing of een afwijzing.',
  },
  '9361': {
    rule: 'TR361',
    explanation:
      'Berichtoverstijgende controle (niveau 3, TR361): in het verzoek om wijziging komt hetzelfde product meer dan eens voor met overlappende periodes (te wijzigen en ongewijzigde producten worden via hun toewijzing meegeteld). ' +
      WHOLE_MESSAGE,
    hint:
      'Laat de periodes van hetzelfde product niet overlappen, of voeg ze samen tot één product. ' + RESEND,
  },
  '9365': {
    rule: 'TR365',
    explanation:
      'Berichtoverstijgende controle (niveau 3, TR365): er bestaat al een antwoordbericht voor deze ReferentieAanbieder dat niet de waarde aanvraag in onderzoek had; het verzoek is dus al definitief beantwoord. ' +
      WHOLE_MESSAGE,
    hint: 'Stuur na een definitief antwoord geen nieuw antwoordbericht op hetzelfde verzoek; controleer de status van het verzoek in de administratie.',
  },
  '9366': {
    rule: 'TR366',
    explanation:
      'Berichtoverstijgende controle (niveau 3, TR366): een prestatie in het declaratie-antwoord verwijst met ProductReferentie naar een prestatie die niet in een ontvangen declaratie voorkomt.',
    hint: 'Neem in het declaratie-antwoord alleen prestaties op uit de beantwoorde declaratie, met de ProductReferentie ongewijzigd overgenomen.',
  },
  '9367': {
    rule: 'TR367',
    explanation:
      'Berichtoverstijgende controle (niveau 3, TR367): de gegevens van een prestatie in het declaratie-antwoord wijken af van de prestatie met dezelfde ProductReferentie in de declaratie.',
    hint: 'Neem de gegevens van iedere afgewezen prestatie ongewijzigd over uit de declaratie; alleen de retourcode wordt toegevoegd.',
  },
  '9369': {
    rule: 'TR369',
    explanation:
      'Berichtoverstijgende controle (niveau 3, TR369): de toewijzing heeft een Budget en alle gedeclareerde prestaties op deze toewijzing samen passen niet meer binnen dat budget. ' +
      PRESTATIE_REJECTED,
    hint:
      'Controleer wat al op deze toewijzing is gedeclareerd en declareer alleen wat nog binnen het budget past; vraag anders eerst een ophoging van het budget aan. ' +
      REDECLARE,
  },
  '9373': {
    rule: 'TR373',
    explanation:
      'Berichtoverstijgende controle (niveau 3, TR373): het verzoek wijzigt het Budget of een omvang over de hele periode, maar de GewensteIngangsdatum is niet die van de actuele toewijzing. Zo’n wijziging geldt altijd voor de hele periode. ' +
      WHOLE_MESSAGE,
    hint: 'Gebruik als GewensteIngangsdatum de Ingangsdatum van de actuele toewijzing. ' + RESEND,
  },
  '9374': {
    rule: 'TR374',
    explanation:
      'Berichtoverstijgende controle (niveau 3, TR374): er staat voor deze cliënt nog een eerder verzoek van dezelfde aanbieder open; dat is pas afgehandeld na een afwijzing of een toewijzing met die ReferentieAanbieder. ' +
      WHOLE_MESSAGE,
    hint: 'Wacht op het antwoord of de toewijzing van de gemeente op het openstaande verzoek voordat een nieuw verzoek wordt verstuurd.',
  },
  '9375': {
    rule: 'TR375',
    explanation:
      'Berichtoverstijgende controle (niveau 3, TR375): in TeWijzigenProduct is een Omvang opgegeven, terwijl de toewijzing waarnaar het verwijst geen Product heeft en een Einddatum na 31-12-2020 heeft of geen Einddatum. ' +
      WHOLE_MESSAGE,
    hint: 'Laat de Omvang leeg bij een te wijzigen toewijzing zonder product. ' + RESEND,
  },
  '9379': {
    rule: 'TR379',
    explanation:
      'Berichtoverstijgende controle (niveau 3, TR379): de ReferentieAanbieder in de toewijzing verwijst niet naar een verzoek om toewijzing of verzoek om wijziging van de aanbieder, of is gevuld waar die leeg moet blijven. ' +
      WHOLE_MESSAGE,
    hint:
      'Vul de ReferentieAanbieder alleen bij de eerste toewijzing die een verzoek honoreert, overgenomen uit dat verzoek; laat hem anders leeg. ' +
      RESEND,
  },
  '9384': {
    rule: 'TR384',
    explanation:
      'Berichtoverstijgende controle (niveau 3, TR384): de prestatie is gedeclareerd op een toewijzing die met RedenWijziging 13 (Verwijderd) is verwijderd. ' +
      PRESTATIE_REJECTED,
    hint: 'Declareer niet op een verwijderde toewijzing; neem contact op met de gemeente als er wel zorg is geleverd.',
  },
  '9385': {
    rule: 'TR385',
    explanation:
      'Berichtoverstijgende controle (niveau 3, TR385): de toewijzing kan niet met RedenWijziging 13 (Verwijderd) worden verwijderd, omdat er goedgekeurde prestaties op zijn gedeclareerd die niet zijn gecrediteerd. ' +
      WHOLE_MESSAGE,
    hint:
      'Beëindig de toewijzing met een andere passende RedenWijziging, of laat de aanbieder de goedgekeurde prestaties eerst crediteren. ' +
      RESEND,
  },
  '9387': {
    rule: 'TR387',
    explanation:
      'Berichtoverstijgende controle (niveau 3, TR387): de ProductPeriode begint niet op de eerste dag van de kalendermaand, terwijl de toewijzing niet later in die maand ingaat. ' +
      PRESTATIE_REJECTED,
    hint:
      'Laat de ProductPeriode beginnen op de eerste dag van de maand, of op de Ingangsdatum van de toewijzing als die later in de maand ligt. ' +
      REDECLARE,
  },
  '9388': {
    rule: 'TR388',
    explanation:
      'Berichtoverstijgende controle (niveau 3, TR388): de ProductPeriode eindigt niet op de laatste dag van de kalendermaand, terwijl de toewijzing niet eerder in die maand eindigt. ' +
      PRESTATIE_REJECTED,
    hint:
      'Laat de ProductPeriode eindigen op de laatste dag van de maand, of op de Einddatum van de toewijzing als die eerder in de maand ligt. ' +
      REDECLARE,
  },
  '9389': {
    rule: 'TR389',
    explanation:
      'Berichtoverstijgende controle (niveau 3, TR389): voor dezelfde ProductPeriode, ProductCategorie, ProductCode en toewijzing is al eerder een debetprestatie ingediend die niet is gecrediteerd. ' +
      PRESTATIE_REJECTED,
    hint: 'Crediteer eerst de eerdere debetprestatie als die niet klopt en dien daarna de juiste debetprestatie in; stuur anders geen tweede debet voor dezelfde periode.',
  },
  '9390': {
    rule: 'TR390',
    explanation:
      'Berichtoverstijgende controle (niveau 3, TR390): voor deze prestatie (dezelfde ProductReferentie) is al een creditprestatie ingediend; een prestatie kan maar één keer worden gecrediteerd. ' +
      PRESTATIE_REJECTED,
    hint: 'Stuur geen tweede creditprestatie; controleer in de administratie welke prestaties al zijn gecrediteerd.',
  },
  '9411': {
    rule: 'TR411',
    explanation:
      'Berichtoverstijgende controle (niveau 3, TR411): in TeWijzigenProduct ontbreekt de Omvang, terwijl de toewijzing waarnaar het verwijst een ProductCode heeft. ' +
      WHOLE_MESSAGE,
    hint: 'Vul de gewenste Omvang in bij een te wijzigen toewijzing met een productcode. ' + RESEND,
  },
  '9412': {
    rule: 'TR412',
    explanation:
      'Berichtoverstijgende controle (niveau 3, TR412): in TeWijzigenProduct is een Omvang opgegeven, terwijl de toewijzing waarnaar het verwijst geen ProductCode heeft en een Einddatum na 31-12-2020 heeft of geen Einddatum. ' +
      WHOLE_MESSAGE,
    hint: 'Laat de Omvang leeg bij een te wijzigen toewijzing zonder productcode. ' + RESEND,
  },
  '9413': {
    rule: 'TR413',
    explanation:
      'Berichtoverstijgende controle (niveau 3, TR413): voor dezelfde cliënt, toewijzing en Begindatum bestaat al een tijdelijke stop (RedenBeeindiging 20); een nieuwe stop mag dan niet opnieuw tijdelijk zijn. ' +
      WHOLE_MESSAGE,
    hint:
      'Gebruik voor de nieuwe stop een definitieve RedenBeeindiging, of corrigeer de bestaande tijdelijke stop. ' +
      RESEND,
  },
  '9414': {
    rule: 'TR414',
    explanation:
      'Berichtoverstijgende controle (niveau 3, TR414): de Einddatum van de nieuwe stop ligt vóór de Einddatum van de stop die al bestaat voor dezelfde cliënt, toewijzing en Begindatum. ' +
      WHOLE_MESSAGE,
    hint:
      'Kies een Einddatum op of na die van de bestaande stop, of verwijder eerst de bestaande stop als die onjuist is. ' +
      RESEND,
  },
  '9415': {
    rule: 'TR415',
    explanation:
      'Berichtoverstijgende controle (niveau 3, TR415): voor dezelfde cliënt, toewijzing en Begindatum bestaat al een definitieve stop (RedenBeeindiging anders dan 20); daarna is geen nieuwe of gewijzigde stop meer toegestaan. ' +
      WHOLE_MESSAGE,
    hint: 'Verwijder de bestaande definitieve stop (StatusAanlevering 3) als die onjuist is en stuur daarna de juiste stop.',
  },
  S300: {
    rule: 'TR378',
    explanation:
      'Controle tegen een externe bron (niveau 4, TR378): de gemeentecode komt niet voor in de CBS-lijst van gemeenten die geldt op de ingangsdatum van de toewijzing (na een herindeling mag ook de oude code nog). ' +
      WHOLE_MESSAGE,
    hint:
      'Gebruik de CBS-code van de gemeente die op de ingangsdatum verantwoordelijk is en werk de gemeentetabel bij naar de actuele CBS-lijst. ' +
      RESEND,
  },
  S329: {
    rule: 'TR381',
    explanation:
      'Controle tegen een externe bron (niveau 4, TR381): de ProductCode hoort volgens de gebruikte productcodelijst niet bij de opgegeven ProductCategorie. ' +
      WHOLE_MESSAGE,
    hint:
      'Controleer de combinatie van ProductCategorie en ProductCode in de productcodelijst van de gemeente en werk de producttabel bij. ' +
      RESEND,
  },
};

const WJ001_MEANINGS: ReadonlyMap<string, string> = new Map(
  (codeLists.WJ001?.values ?? []).map((value) => [value.code, value.meaning]),
);

/**
 * Every WJ001 retourcode with its official meaning, an explanation and a fix hint. A note for a code the
 * list does not have gets an empty meaning rather than an exception, so the CLI keeps working and the tests
 * (which demand a meaning for every entry) report the mismatch.
 */
export const RETOURCODE_EXPLANATIONS: Readonly<Record<string, RetourcodeExplanation>> = Object.freeze(
  Object.fromEntries(
    Object.entries(NOTES).map(([code, note]) => [
      code,
      Object.freeze({ meaning: WJ001_MEANINGS.get(code) ?? '', ...note }),
    ]),
  ),
);

/** The explanation of one retourcode, or undefined for a code that is not in WJ001. */
export function explainRetourcode(code: string): ExplainedRetourcode | undefined {
  const key = code.trim();
  // Own properties only: a code such as "constructor" must not find Object.prototype members.
  if (!Object.hasOwn(RETOURCODE_EXPLANATIONS, key)) return undefined;
  const entry = RETOURCODE_EXPLANATIONS[key];
  return entry ? { code: key, ...entry } : undefined;
}

/**
 * One line for `--format text`: `9056 — <meaning>. <hint>`. The official meanings end with or without a
 * full stop (and one has a double space); both are normalised so the line reads the same for every code.
 */
export function formatRetourcode(code: string): string {
  const entry = explainRetourcode(code);
  if (!entry) return `${code.trim()} — onbekende retourcode (niet in WJ001).`;
  const meaning = entry.meaning.replace(/\s+/g, ' ').trim().replace(/\.$/, '');
  return `${entry.code} — ${meaning}. ${entry.hint}`;
}
