/**
 * The catalogue of API error codes: one place for status, stable code and the text a caller can act on.
 * Error bodies never echo the request body (it may hold a BSN). Validation outcomes carry their own codes
 * (StUF055, TR056, XML_*), see berichten.ts.
 */
export const API_ERRORS = {
  PAYLOAD_TOO_LARGE: {
    status: 413,
    message:
      'Het bericht is groter dan de ingestelde limiet (MAX_MESSAGE_BYTES); de keten staat maximaal 25 MB toe.',
  },
  EMPTY_BODY: { status: 400, message: 'Lege body: stuur het XML-bericht als body van het verzoek.' },
  INVALID_JSON: { status: 400, message: 'De body is geen geldige JSON.' },
  UNAUTHORIZED: {
    status: 401,
    message: 'Geen of een onbekende API-sleutel: stuur de header Authorization: Bearer <sleutel>.',
  },
  FORBIDDEN: {
    status: 403,
    message:
      'Deze API-sleutel mag dit niet: een partij verstuurt alleen haar eigen berichten, een beheerder geen.',
  },
  NOT_FOUND: { status: 404, message: 'Niet gevonden (of niet zichtbaar voor deze API-sleutel).' },
  NOT_REPLAYABLE: {
    status: 409,
    message: 'Alleen een bericht met status failed of unroutable kan opnieuw worden aangeboden.',
  },
  STILL_UNROUTABLE: {
    status: 409,
    message:
      'Er is nog steeds geen route voor dit bericht: pas de routeringstabel (ROUTES_FILE) aan, herstart de gateway en probeer het opnieuw.',
  },
  NOT_READY: {
    status: 503,
    message: 'De gateway is (nog) niet klaar: een van de koppelingen antwoordt niet.',
  },
  INTERNAL: {
    status: 500,
    message: 'Interne fout; de fout is gelogd. Probeer het opnieuw of meld het aan de beheerder.',
  },
} as const;

export type ApiErrorCode = keyof typeof API_ERRORS;

export function errorBody(code: ApiErrorCode): { error: { code: ApiErrorCode; message: string } } {
  return { error: { code, message: API_ERRORS[code].message } };
}
