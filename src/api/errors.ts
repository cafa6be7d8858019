/**
 * The catalogue of API error codes: one place for status, stable code and the text a caller can act on.
 * Error bodies never echo the request body (it may hold a BSN).
 */
export const API_ERRORS = {
  PAYLOAD_TOO_LARGE: {
    status: 413,
    message:
      'Het bericht is groter dan de ingestelde limiet (MAX_MESSAGE_BYTES); de keten staat maximaal 25 MB toe.',
  },
  EMPTY_BODY: { status: 400, message: 'Lege body: stuur het XML-bericht als body van het verzoek.' },
  NOT_FOUND: { status: 404, message: 'Onbekende route.' },
  INTERNAL: {
    status: 500,
    message: 'Interne fout; de fout is gelogd. Probeer het opnieuw of meld het aan de beheerder.',
  },
} as const;

export type ApiErrorCode = keyof typeof API_ERRORS;

export function errorBody(code: ApiErrorCode): { error: { code: ApiErrorCode; message: string } } {
  return { error: { code, message: API_ERRORS[code].message } };
}
