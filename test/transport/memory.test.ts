import { runTransportContract } from '../../src/transport/contract.js';
import { createMemoryTransport } from '../../src/transport/memory/index.js';

// Every open is a fresh process: the scope names nothing that would survive one.
runTransportContract('memory', async ({ destinations, retry, closeTimeoutMs, maxQueueLength }) =>
  createMemoryTransport({ destinations, retry, closeTimeoutMs, maxQueueLength }),
);
