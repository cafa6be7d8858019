/**
 * Locations inside the installed project. Resolved from this file so they hold wherever the project is
 * checked out or installed, and whatever the working directory is.
 */
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));
export const SCHEMAS_DIR = path.join(PROJECT_ROOT, 'schemas');
export const FIXTURES_DIR = path.join(PROJECT_ROOT, 'fixtures');
