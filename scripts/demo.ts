/**
 * `npm run demo`: the gateway for gemeente 0363 (demo routing table) and the partner simulator as
 * zorgaanbieder 87654321, in one process, running the flow 301 -> 302, 305 -> 306, 307 -> 308 end to end.
 * The back-office submits a toewijzing as JSON, reads what its queue receives, and at the end the ledger
 * states and the audit chain are printed. Embedded adapters by default (a fresh DATA_DIR under the
 * system's temp directory); with DATABASE_URL, AMQP_URL and S3_* set, the same run uses real services.
 * Exit 0 when the flow completed, 1 otherwise.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { startServer } from '../src/api/server.js';
import { verifyAuditChain } from '../src/archive/audit-verify.js';
import { createHttpChannel } from '../src/channel/index.js';
import { loadConfig } from '../src/config/config.js';
import { openGateway } from '../src/gateway/open.js';
import { createLogger } from '../src/log/logger.js';
import { PROJECT_ROOT } from '../src/paths.js';
import { DEMO_ROUTES_FILE, parseRoutingTable } from '../src/routing/table.js';
import { MessageValidator } from '../src/validation/validator.js';
import { startPartnerSimulator } from './partner-simulator.js';

const OPERATOR_KEY = 'bp_demo_operator';
const BACKOFFICE_KEY = 'bp_demo_0363';
const PARTNER_KEY = 'bp_demo_87654321';

const started = Date.now();
const step = (text: string) =>
  console.log(`[${((Date.now() - started) / 1000).toFixed(1).padStart(5)} s] ${text}`);

/** The Client of the project's own WMO301 fixture (fictional person), as the back-office would send it. */
async function demoClient(): Promise<unknown> {
  const xml = await readFile(path.join(PROJECT_ROOT, 'fixtures', 'iwmo-3.2', 'valid', 'WMO301.xml'));
  const validator = new MessageValidator();
  try {
    const inspection = validator.inspect(xml, 'WMO301.xml');
    inspection.doc?.dispose();
    if (!inspection.json) throw new Error('the demo fixture is not valid');
    return (inspection.json.Bericht as { Client: unknown }).Client;
  } finally {
    validator.dispose();
  }
}

async function main(): Promise<number> {
  const embedded = !process.env.DATA_DIR;
  const dataDir = process.env.DATA_DIR ?? (await mkdtemp(path.join(os.tmpdir(), 'berichtenpoort-demo-')));
  const config = loadConfig({
    LOG_LEVEL: 'warn',
    ...process.env,
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
  });
  const logger = createLogger({ level: config.logLevel });

  // The simulator needs the gateway's address and the gateway's routing table the simulator's: the
  // gateway's port is chosen first, the simulator listens on an ephemeral one, the table points there.
  const gatewayPort = await freePort();
  const gatewayUrl = `http://127.0.0.1:${gatewayPort}`;
  const simulator = await startPartnerSimulator({
    port: 0,
    gatewayUrl,
    apiKey: PARTNER_KEY,
    agbCode: '87654321',
    delaysMs: { retour: 200, start: 500, stop: 500 },
  });
  const demo = JSON.parse(await readFile(DEMO_ROUTES_FILE, 'utf8')) as DemoTable;
  const live = await openGateway({ ...config, port: gatewayPort }, logger, {
    channel: createHttpChannel(),
    table: parseRoutingTable(withPartnerUrl(demo, simulator.url)),
  });
  const liveServer = await startServer({ ...config, port: gatewayPort }, logger, live);
  step(
    `gateway for gemeente 0363 on ${gatewayUrl} (ledger ${config.databaseUrl ? 'PostgreSQL' : 'PGlite'}, ` +
      `archive ${config.s3 ? 'S3' : 'filesystem'}, transport ${config.amqpUrl ? 'RabbitMQ' : 'in-process'}; ` +
      `DATA_DIR ${dataDir})`,
  );
  step(`partner simulator (zorgaanbieder 87654321) on ${simulator.url}`);

  simulator.on('received', (m) =>
    step(`zorgaanbieder received ${m.messageName} ${describeCodes(m.retourCodes)} (verdict ${m.verdict})`),
  );
  simulator.on('sent', (m) =>
    step(`zorgaanbieder sent ${m.messageName}; gateway answered ${m.outcome ?? m.httpStatus}`),
  );
  await live.transport.consume('backoffice.0363', async (d) => {
    const envelope = JSON.parse(new TextDecoder().decode(d.body)) as { message: string; verdict: string };
    step(`back-office 0363 received ${envelope.message} as JSON (verdict ${envelope.verdict})`);
  });

  const api = async (method: string, route: string, key: string, body?: unknown) => {
    const res = await fetch(`${gatewayUrl}${route}`, {
      method,
      headers: { authorization: `Bearer ${key}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  let ok = false;
  try {
    const submitted = await api('POST', '/api/v1/toewijzingen', BACKOFFICE_KEY, {
      standard: 'iwmo',
      Ontvanger: '87654321',
      Client: await demoClient(),
    });
    step(
      `back-office 0363 submitted a toewijzing (JSON): HTTP ${submitted.status}, ${String(submitted.body.outcome)}`,
    );
    if (submitted.status !== 202)
      throw new Error(`the toewijzing was not accepted: ${JSON.stringify(submitted.body)}`);
    const flow = await simulator.settled({ gemeente: '0363' }, 60_000);
    // The 308 has been delivered; give the ledger a moment to record the last delivery.
    await new Promise((resolve) => setTimeout(resolve, 500));
    step(`flow ${flow.status}: ${flow.history.map((h) => h.stage).join(' -> ')}`);
    ok = flow.status === 'completed';

    const list = await api('GET', '/api/v1/berichten?limit=50', OPERATOR_KEY);
    console.log('\nMessages in the ledger (oldest first):');
    const items = (
      list.body.items as { messageName: string; direction: string; state: string; id: string }[]
    ).reverse();
    for (const m of items)
      console.log(`  ${m.messageName.padEnd(7)} ${m.direction.padEnd(9)} ${m.state.padEnd(13)} ${m.id}`);
    await live.archive.flushAudit();
    const audit = await verifyAuditChain(live.archive, { expectedHead: (await live.ledger.auditHead())! });
    console.log(`\nAudit chain: ${JSON.stringify(audit)}`);
    ok &&= audit.ok;
  } catch (error) {
    console.error(`demo failed: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    await simulator.close();
    await new Promise<void>((resolve) => liveServer.close(() => resolve()));
    await live.close();
    if (embedded) await rm(dataDir, { recursive: true, force: true });
  }
  console.log(ok ? '\ndemo completed' : '\ndemo did NOT complete');
  return ok ? 0 : 1;
}

interface DemoTable {
  readonly partners: readonly { readonly channel: { readonly url: string } }[];
}

function withPartnerUrl(table: DemoTable, url: string): DemoTable {
  return { ...table, partners: table.partners.map((p) => ({ ...p, channel: { ...p.channel, url } })) };
}

async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

function describeCodes(codes: readonly string[]): string {
  return codes.length === 0 ? 'without RetourCodes' : `with RetourCodes ${codes.join(', ')}`;
}

process.exitCode = await main();
