/**
 * A partner simulator: behaves as a zorgaanbieder's system at the other end of the gateway's HTTP channel,
 * so the whole berichtenverkeer of FACTS §6 flow 1 can be shown and tested end to end:
 *
 *   gateway --301--> simulator --302--> gateway        (after validating the 301: MessageValidator + RetourBuilder)
 *                    simulator --305--> gateway --306--> simulator   (only for a toewijzing accepted without RetourCodes)
 *                    simulator --307--> gateway --308--> simulator   (only after a 306 without RetourCodes)
 *
 * The 307 waits for the 306 because the standard advises waiting for retours before follow-ups (OP080):
 * a stop that overtakes its start is rejected. Run directly (`tsx scripts/partner-simulator.ts`) it
 * listens on PORT (8181) and talks to GATEWAY_URL (http://127.0.0.1:8080) with API_KEY
 * (bp_demo_87654321) as AGB_CODE (87654321) — the demo routing table's partner.
 *
 * Privacy: the messages carry a BSN, a name and a birth date. They are kept in memory (`received`,
 * `sent`, and what a 305/307 needs of the 301's Client) but never logged, never put in an error text and
 * never in a flow record: logs and flows carry message names, identificaties and ToewijzingNummers only.
 *
 * The parts live in scripts/partner-simulator/: types.ts (this public API), simulator.ts (the handle),
 * server.ts (HTTP), receive.ts (what a delivery means), flow.ts (our 302/305/307 steps), messages.ts (the
 * 305/307 content), send.ts (posting to the gateway), book.ts (flows, records, events, waits),
 * scheduler.ts (timers), context.ts (shared state), shape.ts (JSON readers) and cli.ts (the command line).
 * This file stays the entry point, so imports and `tsx scripts/partner-simulator.ts` keep working.
 */
import { pathToFileURL } from 'node:url';
import { runCli } from './partner-simulator/cli.js';

export { startPartnerSimulator } from './partner-simulator/simulator.js';
// types.ts holds exactly the public types (the internal ones live with their code), so all of it is exported.
export type * from './partner-simulator/types.js';

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) runCli();
