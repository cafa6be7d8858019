/**
 * The Dockerfile, checked without a Docker engine: its instructions are read and checked statically, then
 * its stages are reproduced in temporary directories (see dockerfile.ts): the build stage runs
 * `npm run build` on exactly the files it COPYs, the runtime stage gets the build output and only the
 * production packages of package-lock.json, and its CMD must start the gateway, answer GET /healthz (also
 * through the HEALTHCHECK command) and stop on SIGTERM.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/paths.js';
import {
  dockerignore,
  emulate,
  execForm,
  healthcheckCommand,
  parseCopy,
  parseDockerfile,
  parseEnv,
  productionPackages,
  type EmulatedStage,
  type Instruction,
  type Stage,
} from './dockerfile.js';

/**
 * Node.js LTS lines and their end of life (github.com/nodejs/Release). A base image on a line that is not
 * here, or past its end of life, fails; add a line here when it is promoted to LTS.
 */
const NODE_LTS_END_OF_LIFE: Readonly<Record<number, string>> = {
  20: '2026-04-30',
  22: '2027-04-30',
  24: '2028-04-30',
  26: '2029-04-30',
};

const read = (file: string): string => readFileSync(path.join(REPO_ROOT, file), 'utf8');
const stages = parseDockerfile(read('Dockerfile'));
const pkg = JSON.parse(read('package.json')) as {
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
  engines?: { node?: string };
};
const isIgnored = dockerignore(read('.dockerignore'));

const runtime = stages.at(-1) as Stage;
const all = (stage: Stage, keyword: string): Instruction[] =>
  stage.instructions.filter((i) => i.keyword === keyword);
const last = (stage: Stage, keyword: string): Instruction | undefined => all(stage, keyword).at(-1);
const runtimeEnv = (): Record<string, string> => Object.assign({}, ...all(runtime, 'ENV').map(parseEnv));

function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)));
}

describe('Dockerfile (static)', () => {
  it('has a build stage and a runtime stage, both on a supported Node.js LTS image', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    const today = new Date().toISOString().slice(0, 10);
    const minimum = /^>=\s*(\d+)/.exec(pkg.engines?.node ?? '>=0');
    for (const stage of stages) {
      const m = /^node:(\d+)(?:\.\d+){0,2}(?:-[a-z0-9.-]+)?(?:@sha256:[0-9a-f]{64})?$/.exec(stage.image);
      expect(m, `FROM ${stage.image} is not an official node:<major> image`).not.toBeNull();
      const major = Number(m?.[1]);
      const eol = NODE_LTS_END_OF_LIFE[major];
      expect(eol, `Node.js ${major} is not an LTS line`).toBeDefined();
      expect(today <= (eol ?? ''), `Node.js ${major} reached end of life on ${eol}`).toBe(true);
      expect(major).toBeGreaterThanOrEqual(Number(minimum?.[1]));
    }
    expect(new Set(stages.map((s) => s.image)).size, 'build and runtime on the same image').toBe(1);
  });

  it('COPYs only files that exist and that .dockerignore lets into the context', () => {
    const copies = stages.flatMap((s) => all(s, 'COPY').map(parseCopy));
    expect(copies.length).toBeGreaterThan(0);
    for (const copy of copies.filter((c) => c.from === undefined)) {
      for (const source of copy.sources) {
        expect(existsSync(path.join(REPO_ROOT, source)), `COPY ${source}: missing`).toBe(true);
        expect(isIgnored(source), `COPY ${source}: excluded by .dockerignore`).toBe(false);
      }
    }
    for (const copy of copies.filter((c) => c.from !== undefined)) {
      expect(
        stages.map((s) => s.name),
        `COPY --from=${copy.from}`,
      ).toContain(copy.from);
    }
  });

  it('keeps dependencies, git, local data, build output and test artefacts out of the context', () => {
    for (const p of [
      'node_modules/x/index.js',
      '.git/HEAD',
      'data/ledger',
      'dist/src/cli/main.js',
      'coverage/x',
    ]) {
      expect(isIgnored(p), p).toBe(true);
    }
    for (const p of ['test/api/app.test.ts', 'src/.tmp-x/y', 'npm-debug.log', '.env']) {
      expect(isIgnored(p), p).toBe(true);
    }
    expect(isIgnored('src/cli/main.ts')).toBe(false);
  });

  it('runs only npm scripts that package.json has', () => {
    const runs = stages.flatMap((s) => all(s, 'RUN').map((i) => i.args));
    const scripts = runs.flatMap((r) => [...r.matchAll(/npm run (\S+)/g)].map((m) => m[1] ?? ''));
    expect(scripts).toContain('build');
    for (const script of scripts) expect(pkg.scripts, `npm run ${script}`).toHaveProperty(script);
    expect(
      runs.some((r) => /npm ci --omit=dev/.test(r)),
      'the runtime installs production deps only',
    ).toBe(true);
  });

  it('runs the service as a non-root user, in production mode, with its data in a volume', () => {
    const user = last(runtime, 'USER')?.args.split(':')[0];
    expect(user).toBeDefined();
    expect(['root', '0', '']).not.toContain(user);
    const env = runtimeEnv();
    expect(env.NODE_ENV).toBe('production');
    expect(env.DATA_DIR).toMatch(/^\//);
    const volume = last(runtime, 'VOLUME')?.args ?? '';
    expect(volume.startsWith('[') ? execForm(volume) : volume.split(/\s+/)).toContain(env.DATA_DIR);
    const owned = all(runtime, 'RUN').some((i) =>
      new RegExp(`chown\\s+${user}\\S*\\s+${env.DATA_DIR}`).test(i.args),
    );
    expect(owned, `${env.DATA_DIR} owned by ${user}`).toBe(true);
    expect(last(runtime, 'EXPOSE')?.args).toBe(env.PORT ?? '8080');
  });

  it('checks health with node and starts serve in exec form', () => {
    const healthcheck = last(runtime, 'HEALTHCHECK');
    expect(healthcheck).toBeDefined();
    const probe = healthcheckCommand(healthcheck as Instruction);
    expect(probe[0]).toBe('node');
    expect(probe.join(' ')).toContain('/healthz');
    const cmd = execForm(last(runtime, 'CMD')?.args ?? 'null');
    expect(cmd[0]).toBe('node');
    expect(cmd.at(-1)).toBe('serve');
  });

  it('the lockfile installs every production dependency', () => {
    const installed = productionPackages(read('package-lock.json'));
    for (const name of Object.keys(pkg.dependencies)) expect(installed, name).toContain(name);
  });
});

describe('Dockerfile (emulated build and run)', () => {
  let workDir: string;
  let built: EmulatedStage[];
  let image: EmulatedStage;
  let server: ChildProcess | undefined;

  beforeAll(async () => {
    workDir = mkdtempSync(path.join(tmpdir(), 'berichtenpoort-docker-'));
    built = await emulate(stages, { repo: REPO_ROOT, workDir });
    image = built.at(-1) as EmulatedStage;
  }, 180_000);

  afterAll(() => {
    if (server?.exitCode === null) server.kill('SIGKILL');
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  });

  /** The entry point of CMD, relative to WORKDIR: the first argument that is not a node option. */
  const entryPoint = (): string => {
    const cmd = execForm(last(runtime, 'CMD')?.args ?? 'null');
    return cmd.slice(1).find((a) => !a.startsWith('-')) ?? '';
  };

  it('the image holds the CMD entry point and every runtime asset beside the compiled code', () => {
    expect(existsSync(path.join(image.dir, entryPoint())), entryPoint()).toBe(true);
    const dist = path.join(image.dir, 'dist');
    expect(files(dist).some((f) => f.endsWith('.test.js'))).toBe(false);
    // Every non-TypeScript file under src/ (codelists, migrations, the demo routing table) ...
    for (const asset of files(path.join(REPO_ROOT, 'src')).filter((f) => !f.endsWith('.ts'))) {
      expect(existsSync(path.join(dist, 'src', asset)), `dist/src/${asset}`).toBe(true);
    }
    // ... and the schemas, where paths.ts looks for them from the compiled file.
    const paths = pathToFileURL(path.join(dist, 'src', 'paths.js')).href;
    const schemasDir = spawnSync(
      process.execPath,
      ['--input-type=module', '-e', `console.log((await import(${JSON.stringify(paths)})).SCHEMAS_DIR)`],
      { encoding: 'utf8' },
    ).stdout.trim();
    expect(schemasDir.startsWith(dist), schemasDir).toBe(true);
    const xsds = files(path.join(REPO_ROOT, 'schemas')).filter((f) => f.endsWith('.xsd'));
    expect(xsds.length).toBeGreaterThan(0);
    for (const xsd of xsds) expect(existsSync(path.join(schemasDir, xsd)), xsd).toBe(true);
  });

  it('every package the compiled code imports is a production dependency', () => {
    const dist = path.join(image.dir, 'dist');
    const imported = new Set<string>();
    const patterns = [
      /^\s*(?:import|export)\s[^;]*?\sfrom\s*['"]([^'"]+)['"]/gm,
      /^\s*import\s*['"]([^'"]+)['"]/gm,
      /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g,
      /\brequire\(\s*['"]([^'"]+)['"]\s*\)/g,
    ];
    for (const file of files(dist).filter((f) => f.endsWith('.js'))) {
      const code = readFileSync(path.join(dist, file), 'utf8');
      for (const pattern of patterns) {
        for (const m of code.matchAll(pattern)) {
          const spec = m[1] ?? '';
          if (spec.startsWith('.') || spec.startsWith('/') || isBuiltin(spec)) continue;
          imported.add(
            spec
              .split('/')
              .slice(0, spec.startsWith('@') ? 2 : 1)
              .join('/'),
          );
        }
      }
    }
    expect(imported.size).toBeGreaterThan(0);
    for (const name of imported) {
      expect(pkg.dependencies, `${name} is imported by dist/ but not a dependency`).toHaveProperty(name);
      expect(existsSync(path.join(image.dir, 'node_modules', name)), `${name} in the production tree`).toBe(
        true,
      );
    }
  });

  it('CMD starts the gateway on production packages only; /healthz answers; SIGTERM stops it', async () => {
    const cmd = execForm(last(runtime, 'CMD')?.args ?? 'null');
    const env = {
      ...process.env,
      ...image.env,
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: path.join(workDir, 'data'),
      LOG_LEVEL: 'info',
    };
    // --preserve-symlinks: packages resolve their imports inside the production-only node_modules of the
    // image, not in the repository's full node_modules the links point to.
    const child = spawn(process.execPath, ['--preserve-symlinks', ...cmd.slice(1)], {
      cwd: image.dir,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    server = child;
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    const port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no "listening" within 60 s:\n${output}`)), 60_000);
      child.on('exit', (code) => reject(new Error(`exited with ${code} before listening:\n${output}`)));
      child.stderr.on('data', (d: Buffer) => {
        output += d.toString();
        for (const line of output.split('\n')) {
          try {
            const entry = JSON.parse(line) as { message?: string; port?: number };
            if (entry.message === 'listening' && typeof entry.port === 'number') {
              clearTimeout(timer);
              resolve(entry.port);
            }
          } catch {
            // not a log line
          }
        }
      });
    });

    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status, output).toBe(200);

    const probe = healthcheckCommand(last(runtime, 'HEALTHCHECK') as Instruction);
    const healthcheck = (): number | null =>
      spawnSync(process.execPath, probe.slice(1), { env: { ...env, PORT: String(port) }, timeout: 20_000 })
        .status;
    expect(healthcheck(), 'HEALTHCHECK while serving').toBe(0);

    const exited = new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
      child.once('exit', (code, signal) => resolve([code, signal])),
    );
    child.kill('SIGTERM');
    const timeout = new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`still running 15 s after SIGTERM:\n${output}`)), 15_000).unref(),
    );
    expect(await Promise.race([exited, timeout])).toEqual([0, null]);
    expect(healthcheck(), 'HEALTHCHECK once stopped').toBe(1);
    // The ledger and the archive went to DATA_DIR, the directory the image declares as its volume.
    expect(readdirSync(env.DATA_DIR).length, `nothing written to DATA_DIR`).toBeGreaterThan(0);
  }, 120_000);
});
