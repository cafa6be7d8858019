import { readFile } from 'node:fs/promises';

/** Reads a file argument; `-` means standard input, as usual for command-line tools. */
export async function readInput(file: string): Promise<Buffer> {
  if (file !== '-') return readFile(file);
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
