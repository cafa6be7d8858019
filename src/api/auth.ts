/**
 * Bearer API keys: every route but health requires one. The key maps to a party, a partner or the
 * operator (src/routing/access.ts); routes ask `canSee`/`canSubmit`, never their own rule.
 */
import type { NextFunction, Request, Response } from 'express';
import { authenticate, bearerToken } from '../routing/api-keys.js';
import type { Principal } from '../routing/access.js';
import type { RoutingTable } from '../routing/types.js';
import { API_ERRORS, errorBody } from './errors.js';

export function requireApiKey(table: RoutingTable) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const token = bearerToken(req.headers.authorization);
    const principal = token ? authenticate(table, token) : undefined;
    if (!principal) {
      res.status(API_ERRORS.UNAUTHORIZED.status).json(errorBody('UNAUTHORIZED'));
      return;
    }
    res.locals.principal = principal;
    next();
  };
}

export function principalOf(res: Response): Principal {
  return res.locals.principal as Principal;
}
