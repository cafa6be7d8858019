/**
 * The floor: each stage of the pipeline alone at saturation, on the same machine and the same services as
 * the end-to-end run. Each answers operations per second of the one call named; `pipeline.ts` turns that
 * into a bound in 305s per second with the calls one 305 really makes (counted by the spans).
 */
import { performance } from 'node:perf_hooks';
import { openArchive } from '../../src/archive/archive.js';
import { createS3Store } from '../../src/archive/s3/index.js';
import { createHttpChannel } from '../../src/channel/index.js';
import { createPgLedger } from '../../src/ledger/pg/index.js';
import type { RecordMessageInput } from '../../src/ledger/port.js';
import { conversationKeysOf } from '../../src/pipeline/conversation.js';
import { headerFromJson } from '../../src/pipeline/header.js';
import { parseRoutingTable } from '../../src/routing/table.js';
import { connectRabbitMqTransport } from '../../src/transport/rabbitmq/index.js';
import { MessageValidator } from '../../src/validation/validator.js';
import { S3RVER_CREDENTIALS, S3RVER_REGION } from '../../test/support/s3-server.js';
import { testRoutingFile } from '../../test/support/gateway.js';
import { measure } from '../measure.js';
import { IdSource, startPartner, Tracker, wmo305 } from './flow.js';
import { WRITE_ONCE, type Services } from './services.js';
import { progress, sleep, type CpuMonitor, type CpuReport } from './stats.js';

export interface Floor {
  readonly key: string;
  /** The span (pipeline.ts) that counts this call in the gateway, for calls per 305. */
  readonly span: string;
  readonly stage: string;
  readonly opsPerSec: number;
  readonly concurrency: number;
  /** Who used the CPU while it was measured. */
  readonly cpu: CpuReport;
}

/** Runs `op` with `concurrency` callers for `seconds` (after `warmSeconds`); answers completed ops/s. */
async function saturate(
  monitor: CpuMonitor,
  concurrency: number,
  seconds: number,
  op: () => Promise<unknown>,
  warmSeconds = 0.5,
): Promise<{ opsPerSec: number; cpu: CpuReport }> {
  let counting = false;
  let done = 0;
  let stop = false;
  const worker = async () => {
    while (!stop) {
      await op();
      if (counting) done += 1;
    }
  };
  const workers = Array.from({ length: concurrency }, worker);
  await sleep(warmSeconds * 1000);
  counting = true;
  const sample = monitor.sample();
  const started = performance.now();
  await sleep(seconds * 1000);
  const elapsed = (performance.now() - started) / 1000;
  const counted = done;
  const cpu = monitor.report(sample);
  stop = true;
  await Promise.all(workers);
  return { opsPerSec: counted / elapsed, cpu };
}

export async function measureFloors(
  services: Services,
  monitor: CpuMonitor,
  seconds: number,
): Promise<Floor[]> {
  const floors: Floor[] = [];
  const ids = new IdSource('F');
  const validator = new MessageValidator();
  const sample = wmo305(ids.next());
  const inspection = validator.inspect(sample, 'floor');
  if (inspection.report.verdict !== 'accepted' || !inspection.json || !inspection.message) {
    throw new Error(`the WMO305 fixture is not accepted: ${inspection.report.verdict}`);
  }
  inspection.doc?.dispose();

  // (a) safe parse + XSD + level-2 rules, one thread.
  progress('floor (a): MessageValidator.inspect');
  const validationCpu = monitor.sample();
  const validation = measure(
    'inspect',
    () => {
      validator.inspect(sample, 'floor').doc?.dispose();
    },
    seconds,
  );
  floors.push({
    key: 'validate',
    span: 'validator.inspect',
    stage: '(a) validate: MessageValidator.inspect (safe parse + XSD + rules)',
    opsPerSec: validation.opsPerSec,
    concurrency: 1,
    cpu: monitor.report(validationCpu),
  });

  // (b) archive putRaw (new objects) and getRaw on s3rver.
  progress('floor (b): archive putRaw / getRaw on s3rver');
  const archive = await openArchive(
    createS3Store({
      bucket: services.s3.bucket,
      region: S3RVER_REGION,
      endpoint: services.s3.endpoint,
      credentials: { ...S3RVER_CREDENTIALS },
      writeOnce: WRITE_ONCE,
      listApi: 'v1',
    }),
  );
  const stored: string[] = [];
  const putRate = await saturate(monitor, 32, seconds, async () => {
    const { sha256 } = await archive.putRaw(wmo305(ids.next()));
    if (stored.length < 5_000) stored.push(sha256);
  });
  floors.push({
    key: 'putRaw',
    span: 'archive.putRaw',
    stage: `(b) archive putRaw, new object (${WRITE_ONCE === 'head-then-put' ? 'HEAD, PUT' : 'conditional PUT'} on s3rver: ${WRITE_ONCE})`,
    ...putRate,
    concurrency: 32,
  });
  let next = 0;
  const getRate = await saturate(monitor, 32, seconds, () => archive.getRaw(stored[next++ % stored.length]!));
  floors.push({
    key: 'getRaw',
    span: 'archive.getRaw',
    stage: '(b) archive getRaw (GET on s3rver + SHA-256 check)',
    ...getRate,
    concurrency: 32,
  });
  await archive.close();

  // (c) ledger recordMessage with one outbox row, in a schema of its own (the gateway's relay never sees it).
  progress('floor (c): ledger recordMessage + outbox row on PostgreSQL');
  const ledger = await createPgLedger({
    connectionString: services.pg.url,
    schema: await services.pg.createSchema(),
  });
  const header = headerFromJson(inspection.json.Bericht);
  const base: RecordMessageInput = {
    direction: 'inbound',
    standard: inspection.message.standard,
    messageName: inspection.message.name,
    afzender: header.afzender,
    ontvanger: header.ontvanger,
    berichtCode: header.berichtCode,
    berichtIdentificatie: header.berichtIdentificatie,
    identificatieRetour: null,
    sha256: 'a'.repeat(64),
    size: sample.length,
    state: 'routed',
    validationReport: inspection.report,
    cause: { actor: 'bench' },
    conversationKeys: conversationKeysOf(inspection.json.Bericht, header),
  };
  const recordRate = await saturate(monitor, 32, seconds, () =>
    ledger.recordMessage({
      ...base,
      berichtIdentificatie: { identificatie: ids.next(), dagtekening: '2026-06-08' },
      outbox: [
        {
          destination: 'backoffice.0772',
          payloadRef: `sha256:${'b'.repeat(64)}`,
          headers: { 'bp-standard': 'iWmo', 'bp-message-type': 'WMO305' },
        },
      ],
    }),
  );
  floors.push({
    key: 'recordMessage',
    span: 'ledger.recordMessage',
    stage: '(c) ledger recordMessage + 1 outbox row (pool of 10)',
    ...recordRate,
    concurrency: 32,
  });
  await ledger.close();

  // (d) RabbitMQ publish with confirms + consume through the transport, a namespace of its own.
  progress('floor (d): RabbitMQ publish (confirms) + consume via the transport');
  const retry = { maxAttempts: 3, delaysMs: [100, 200] };
  const namespace = services.namespace('floor', ['bench.floor'], [100, 200]);
  const transport = await connectRabbitMqTransport({
    url: services.amqpUrl,
    namespace,
    destinations: ['bench.floor'],
    retry,
    connectionName: 'bp-bench-floor',
  });
  let consumed = 0;
  const subscription = await transport.consume(
    'bench.floor',
    async () => {
      consumed += 1;
    },
    { concurrency: 8 },
  );
  const body = new Uint8Array(wmo305('X'));
  const publishOne = () =>
    transport.publish({
      destination: 'bench.floor',
      messageId: `m-${ids.next()}`,
      body,
      headers: { 'bp-standard': 'iWmo', 'bp-message-type': 'WMO306' },
      contentType: 'application/xml',
    });
  // Publishers keep up to the window in flight; consumed messages per second is the stage's rate.
  let publishing = true;
  const publishers = Array.from({ length: 256 }, async () => {
    while (publishing) await publishOne().catch(() => sleep(10));
  });
  await sleep(500);
  const from = consumed;
  const transportCpu = monitor.sample();
  const started = performance.now();
  await sleep(seconds * 1000);
  const transportRate = (consumed - from) / ((performance.now() - started) / 1000);
  const transportReport = monitor.report(transportCpu);
  publishing = false;
  await Promise.all(publishers);
  await subscription.cancel();
  await transport.close();
  floors.push({
    key: 'publish',
    span: 'transport.publish',
    stage: '(d) RabbitMQ publish (confirm) + consume, quorum queue',
    opsPerSec: transportRate,
    concurrency: 256,
    cpu: transportReport,
  });

  // (e) the HTTP channel's POST to a fake partner.
  progress('floor (e): HTTP channel POST to a fake partner');
  const partner = await startPartner(new Tracker());
  const table = parseRoutingTable(testRoutingFile(partner.url));
  const target = table.partners.find((p) => p.code === '72106543')!;
  const channel = createHttpChannel();
  const xml = new Uint8Array(wmo305('X'));
  const channelRate = await saturate(monitor, 16, seconds, () =>
    channel.deliver(target, { xml, messageId: `m-${ids.next()}`, messageName: 'WMO306' }),
  );
  await partner.close();
  floors.push({
    key: 'deliver',
    span: 'channel.deliver',
    stage: '(e) HTTP channel deliver (fetch POST) to the fake partner',
    ...channelRate,
    concurrency: 16,
  });

  validator.dispose();
  return floors;
}
