/**
 * The HTTP application: health and the validation endpoint. Built by a factory so tests run it in-process.
 */
import express, { type NextFunction, type Request, type Response } from 'express';
import type { Config } from '../config/config.js';
import type { Logger } from '../log/logger.js';
import type { MessageValidator } from '../validation/validator.js';
import type { Gateway } from '../gateway/open.js';
import { API_ERRORS, errorBody, type ApiErrorCode } from './errors.js';
import { berichtenRoutes } from './berichten.js';

export interface AppDeps {
  readonly config: Config;
  readonly logger: Logger;
  readonly validator: MessageValidator;
  /** The gateway behind the message API; without it only health and validation are served. */
  readonly gateway?: Gateway;
}

export function createApp({ config, logger, validator, gateway }: AppDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });

  // The body is taken as raw bytes whatever the Content-Type: the safe parser decides what it is.
  const rawBody = express.raw({ type: () => true, limit: config.maxMessageBytes });

  app.post('/api/v1/validate', rawBody, (req: Request, res: Response) => {
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    if (body.length === 0) {
      send(res, 'EMPTY_BODY');
      return;
    }
    const report = validator.validate(body, 'request');
    logger.info('validated', { messageName: report.message, verdict: report.verdict, bytes: body.length });
    res.json(report);
  });

  if (gateway) {
    // Readiness: every port answers. Liveness (/healthz) stays independent of the ports on purpose.
    app.get('/readyz', async (_req, res) => {
      const ledger = await gateway.ledger.health();
      const transport = gateway.transport.health();
      let archive = true;
      try {
        await gateway.archive.hasRaw('0'.repeat(64));
      } catch {
        archive = false;
      }
      const ready = ledger.ok && transport.healthy && archive;
      res.status(ready ? 200 : 503).json({
        status: ready ? 'ready' : 'not-ready',
        ledger: { ok: ledger.ok, engine: ledger.engine, schemaVersion: ledger.schemaVersion },
        transport: { ok: transport.healthy, state: transport.state },
        archive: { ok: archive },
      });
    });
    app.use('/api/v1', berichtenRoutes(gateway));
  }

  app.use((_req: Request, res: Response) => send(res, 'NOT_FOUND'));

  app.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const type = (err as { type?: string }).type;
    if (type === 'entity.too.large') {
      send(res, 'PAYLOAD_TOO_LARGE');
      return;
    }
    // Not logged: the parser's message quotes the start of the body, which may hold a BSN or a name.
    if (type === 'entity.parse.failed') {
      send(res, 'INVALID_JSON');
      return;
    }
    logger.error('request failed', { error: err });
    send(res, 'INTERNAL');
  });

  return app;
}

function send(res: Response, code: ApiErrorCode): void {
  res.status(API_ERRORS[code].status).json(errorBody(code));
}
