/**
 * s3rver in a process of its own for `bench/pipeline.ts`: S3 is a separate service in production, so it
 * must not share the gateway's event loop. Prints `{"endpoint","bucket"}` as one JSON line on stdout, then
 * stops (and removes its directory) when stdin closes, which also happens when the parent dies.
 */
import { startS3Server } from '../../test/support/s3-server.js';

const server = await startS3Server();
process.stdout.write(`${JSON.stringify({ endpoint: server.endpoint, bucket: server.bucket })}\n`);

let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  server
    .stop()
    .catch(() => undefined)
    .finally(() => process.exit(0));
};
process.stdin.on('end', stop);
process.stdin.on('close', stop);
process.stdin.resume();
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
