#!/usr/bin/env node
// Entry point of the `berichtenpoort` command. The sources are TypeScript; tsx (a runtime dependency)
// loads them directly so the command works from a checkout and from the production image alike.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
