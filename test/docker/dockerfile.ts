/**
 * Just enough of Docker to check the Dockerfile without a Docker engine: a parser for the instructions the
 * Dockerfile uses, the .dockerignore matcher, and an emulation of the stages in temporary directories.
 *
 * Each stage's WORKDIR becomes a temporary directory; COPY copies from the repository (minus what
 * .dockerignore excludes) or from an earlier stage's directory; the RUN steps the Dockerfile uses are
 * reproduced (`npm ci` links the repository's node_modules; `npm ci --omit=dev` links the production
 * packages of package-lock.json only; `npm run <script>` runs the script). An unknown RUN step fails, so the
 * emulation cannot silently drift from the Dockerfile.
 */
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, statSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

export interface Instruction {
  readonly keyword: string;
  /** The text after the keyword, continuation lines joined. */
  readonly args: string;
  readonly line: number;
}

export interface Stage {
  readonly image: string;
  readonly name: string | undefined;
  readonly instructions: readonly Instruction[];
}

export interface Copy {
  readonly from: string | undefined;
  readonly sources: readonly string[];
  readonly dest: string;
}

/** Splits a Dockerfile into stages of instructions (comments and parser directives dropped). */
export function parseDockerfile(text: string): Stage[] {
  const instructions: Instruction[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const start = i;
    let line = lines[i] ?? '';
    if (/^\s*(#.*)?$/.test(line)) continue;
    while (line.endsWith('\\') && i + 1 < lines.length) {
      i++;
      const next = lines[i] ?? '';
      if (/^\s*#/.test(next)) continue;
      line = line.slice(0, -1) + ' ' + next.trim();
    }
    const match = /^\s*(\S+)\s*(.*)$/.exec(line);
    if (!match) continue;
    instructions.push({
      keyword: (match[1] ?? '').toUpperCase(),
      args: (match[2] ?? '').trim(),
      line: start + 1,
    });
  }
  const stages: { image: string; name: string | undefined; instructions: Instruction[] }[] = [];
  for (const instruction of instructions) {
    if (instruction.keyword === 'FROM') {
      const [image = '', as, name] = instruction.args.replace(/--\S+\s+/g, '').split(/\s+/);
      stages.push({ image, name: as?.toUpperCase() === 'AS' ? name : undefined, instructions: [] });
    } else if (instruction.keyword !== 'ARG' || stages.length > 0) {
      const stage = stages.at(-1);
      if (!stage) throw new Error(`line ${instruction.line}: ${instruction.keyword} before FROM`);
      stage.instructions.push(instruction);
    }
  }
  return stages;
}

/** Options (`--from=build`) and the words of a shell-form or exec-form argument list. */
function words(args: string): { options: Map<string, string>; rest: string[] } {
  const options = new Map<string, string>();
  let rest = args;
  for (let m = /^--([a-z-]+)(?:=(\S*))?\s+/.exec(rest); m; m = /^--([a-z-]+)(?:=(\S*))?\s+/.exec(rest)) {
    options.set(m[1] ?? '', m[2] ?? '');
    rest = rest.slice(m[0].length);
  }
  return { options, rest: rest.startsWith('[') ? execForm(rest) : rest.split(/\s+/).filter(Boolean) };
}

/** `["node", "main.js"]`; throws when the argument is not a JSON array of strings. */
export function execForm(args: string): string[] {
  const parsed: unknown = JSON.parse(args);
  if (!Array.isArray(parsed) || !parsed.every((w) => typeof w === 'string')) {
    throw new Error(`not an exec-form array of strings: ${args}`);
  }
  return parsed as string[];
}

export function parseCopy(instruction: Instruction): Copy {
  const { options, rest } = words(instruction.args);
  const dest = rest.at(-1);
  if (rest.length < 2 || dest === undefined)
    throw new Error(`line ${instruction.line}: COPY needs a source and a destination`);
  return { from: options.get('from'), sources: rest.slice(0, -1), dest };
}

/** The ENV instruction's pairs (`ENV A=1 B=2` or the legacy `ENV A 1`). */
export function parseEnv(instruction: Instruction): Record<string, string> {
  const env: Record<string, string> = {};
  if (!instruction.args.includes('=')) {
    const [key = '', ...value] = instruction.args.split(/\s+/);
    env[key] = value.join(' ');
    return env;
  }
  for (const m of instruction.args.matchAll(/(\w+)=("([^"]*)"|\S*)/g)) env[m[1] ?? ''] = m[3] ?? m[2] ?? '';
  return env;
}

/** The exec-form command of a `HEALTHCHECK [options] CMD [...]` instruction. */
export function healthcheckCommand(instruction: Instruction): string[] {
  const m = /(?:^|\s)CMD\s+(\[.*\])\s*$/.exec(instruction.args);
  if (!m) throw new Error(`line ${instruction.line}: HEALTHCHECK without an exec-form CMD`);
  return execForm(m[1] ?? '');
}

/** The .dockerignore rules: `isIgnored('node_modules/x')` answers as the Docker CLI would for the context. */
export function dockerignore(text: string): (relPath: string) => boolean {
  const rules = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => {
      const negated = l.startsWith('!');
      const pattern = path.posix.normalize((negated ? l.slice(1) : l).trim()).replace(/^\/+|\/+$/g, '');
      return { negated, regex: globRegex(pattern) };
    });
  return (relPath) => {
    const parts = relPath.split(/[\\/]/).filter(Boolean);
    const candidates = parts.map((_, i) => parts.slice(0, i + 1).join('/'));
    let ignored = false;
    for (const rule of rules) {
      if (candidates.some((c) => rule.regex.test(c))) ignored = !rule.negated;
    }
    return ignored;
  };
}

function globRegex(pattern: string): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] ?? '';
    if (pattern.startsWith('**/', i)) {
      source += '(?:.*/)?';
      i += 2;
    } else if (pattern.startsWith('**', i)) {
      source += '.*';
      i += 1;
    } else if (c === '*') source += '[^/]*';
    else if (c === '?') source += '[^/]';
    else source += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

/** Package names of a package-lock.json that `npm ci --omit=dev` installs at the top of node_modules. */
export function productionPackages(lockText: string): string[] {
  const lock = JSON.parse(lockText) as { packages: Record<string, { dev?: boolean }> };
  return Object.entries(lock.packages)
    .filter(
      ([key, entry]) =>
        key.startsWith('node_modules/') && !key.slice(13).includes('/node_modules/') && !entry.dev,
    )
    .map(([key]) => key.slice(13));
}

export interface EmulationOptions {
  readonly repo: string;
  /** Where the stages' directories are made. */
  readonly workDir: string;
  /** Runs after each RUN step, for progress or timing. */
  readonly log?: (message: string) => void;
}

export interface EmulatedStage {
  readonly stage: Stage;
  /** The directory standing in for the stage's WORKDIR. */
  readonly dir: string;
  readonly workdir: string;
  readonly env: Record<string, string>;
}

/** Builds every stage in turn; returns them in Dockerfile order. */
export async function emulate(stages: readonly Stage[], options: EmulationOptions): Promise<EmulatedStage[]> {
  const isIgnored = dockerignore(readFileSync(path.join(options.repo, '.dockerignore'), 'utf8'));
  const done: EmulatedStage[] = [];
  for (const [index, stage] of stages.entries()) {
    const dir = path.join(options.workDir, `stage-${index}-${stage.name ?? 'unnamed'}`);
    mkdirSync(dir, { recursive: true });
    let workdir = '/';
    const env: Record<string, string> = {};
    /** Where a path inside the image of stage `s` (this stage when omitted) is in the emulation. */
    const local = (containerPath: string, s: { dir: string; workdir: string } = { dir, workdir }): string => {
      const rel = path.posix.relative(s.workdir, path.posix.resolve(s.workdir, containerPath));
      if (rel.startsWith('..')) throw new Error(`${containerPath} is outside the WORKDIR ${s.workdir}`);
      return path.join(s.dir, rel);
    };
    for (const instruction of stage.instructions) {
      switch (instruction.keyword) {
        case 'WORKDIR':
          if (workdir !== '/')
            throw new Error(`line ${instruction.line}: only one WORKDIR per stage is emulated`);
          workdir = instruction.args;
          break;
        case 'ENV':
          Object.assign(env, parseEnv(instruction));
          break;
        case 'COPY': {
          const copy = parseCopy(instruction);
          const from = copy.from === undefined ? undefined : done.find((s) => s.stage.name === copy.from);
          if (copy.from !== undefined && !from)
            throw new Error(`line ${instruction.line}: no stage ${copy.from}`);
          const intoDir = copy.dest.endsWith('/') || copy.sources.length > 1;
          for (const source of copy.sources) {
            const src = from ? local(source, from) : path.join(options.repo, source);
            if (!from && isIgnored(source))
              throw new Error(`line ${instruction.line}: ${source} is in .dockerignore`);
            if (!existsSync(src))
              throw new Error(`line ${instruction.line}: COPY source ${source} does not exist`);
            const dest = local(copy.dest);
            const target =
              statSync(src).isDirectory() || !intoDir ? dest : path.join(dest, path.basename(src));
            cpSync(src, target, {
              recursive: true,
              filter: (file) => from !== undefined || !isIgnored(path.relative(options.repo, file)),
            });
          }
          break;
        }
        case 'RUN':
          for (const command of instruction.args.split('&&').map((c) => c.trim())) {
            await run(command, dir, options);
            options.log?.(`${stage.name ?? index}: ${command}`);
          }
          break;
        default:
          break;
      }
    }
    done.push({ stage, dir, workdir, env });
  }
  return done;
}

async function run(command: string, dir: string, options: EmulationOptions): Promise<void> {
  const nodeModules = path.join(dir, 'node_modules');
  if (command === 'npm ci') {
    if (!existsSync(path.join(dir, 'package-lock.json')))
      throw new Error('npm ci before package-lock.json is copied');
    symlinkSync(path.join(options.repo, 'node_modules'), nodeModules, 'dir');
  } else if (command === 'npm ci --omit=dev') {
    const lock = path.join(dir, 'package-lock.json');
    if (!existsSync(lock)) throw new Error('npm ci before package-lock.json is copied');
    for (const name of productionPackages(readFileSync(lock, 'utf8'))) {
      const real = path.join(options.repo, 'node_modules', name);
      if (!existsSync(real)) continue; // an optional package for another platform
      mkdirSync(path.dirname(path.join(nodeModules, name)), { recursive: true });
      symlinkSync(real, path.join(nodeModules, name), 'dir');
    }
  } else if (/^npm run \S+$/.test(command)) {
    const script = command.slice('npm run '.length);
    const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as {
      scripts?: Record<string, string>;
    };
    if (!pkg.scripts?.[script]) throw new Error(`npm script "${script}" is not in package.json`);
    await execFileAsync('npm', ['run', script], { cwd: dir, timeout: 120_000 });
  } else if (/^npm cache clean( --force)?$/.test(command) || /^(mkdir|chown) /.test(command)) {
    // Image hygiene and the data directory's owner: nothing to reproduce in a temporary directory.
  } else {
    throw new Error(`RUN ${command}: not emulated; teach test/docker/dockerfile.ts about it`);
  }
}
