import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/main.js';
import { memoryIo } from './memory-io.js';

/** A stored (uncompressed) zip of the given entries; `mode` sets the Unix file type and permissions. */
function storedZip(entries: readonly { name: string; data: string; mode?: number }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name);
    const data = Buffer.from(entry.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(0x21, 12);
    local.writeUInt32LE(crc32(data), 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE((3 << 8) | 20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(0x21, 14);
    central.writeUInt32LE(crc32(data), 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(((entry.mode ?? 0o100644) << 16) >>> 0, 38);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += 30 + name.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const corpus = ['{"_id":"d1","title":"Heat","text":"heat transfer in a boundary layer"}', '{"_id":"d2","title":"Wings","text":"swept wings at high speed"}'].join('\n');
const toy = [
  { name: 'toy/corpus.jsonl', data: `${corpus}\n` },
  { name: 'toy/queries.jsonl', data: '{"_id":"q1","text":"boundary layer heat"}\n{"_id":"q2","text":"swept wing"}\n' },
  { name: 'toy/qrels/test.tsv', data: 'query-id\tcorpus-id\tscore\nq1\td1\t1\nq2\td2\t1\n' },
];

describe('benchline dataset get against a local HTTP server', () => {
  let server: Server;
  let base = '';
  const folder = mkdtempSync(join(tmpdir(), 'benchline-dataset-'));
  const files = new Map<string, Buffer>([
    ['/toy.zip', storedZip(toy)],
    ['/evil.zip', storedZip([...toy, { name: '../../evil.txt', data: 'escaped' }])],
    ['/link.zip', storedZip([...toy, { name: 'toy/link', data: '/etc/passwd', mode: 0o120777 }])],
  ]);

  beforeAll(async () => {
    server = createServer((request, response) => {
      const body = files.get(request.url ?? '');
      if (body === undefined) response.writeHead(404).end();
      else response.writeHead(200, { 'Content-Length': String(body.length) }).end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    rmSync(folder, { recursive: true, force: true });
  });

  async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    const io = memoryIo({ cwd: folder });
    const code = await runCli(args, io);
    return { code, stdout: io.stdout.text(), stderr: io.stderr.text() };
  }

  it('downloads, unpacks and prints the folder, which bm25 then reads; a second get comes from the cache', async () => {
    const got = await cli(['dataset', 'get', `${base}/toy.zip`, '--cache-dir', 'cache']);
    expect(got.code).toBe(0);
    const datasetFolder = join(folder, 'cache', 'datasets', 'toy');
    expect(got.stdout).toBe(`${datasetFolder}\n`);
    expect(got.stderr).toMatch(/^toy: downloaded 0\.0 MB, md5 [0-9a-f]{32} \(no published checksum to verify; pass --md5\), unpacked to /);
    // No progress bar off a terminal.
    expect(got.stderr.split('\n').filter((line) => line !== '')).toHaveLength(1);
    expect(readFileSync(join(datasetFolder, 'qrels', 'test.tsv'), 'utf8')).toContain('q2\td2\t1');
    const again = await cli(['dataset', 'get', `${base}/toy.zip`, '--cache-dir', 'cache', '--json']);
    expect(JSON.parse(again.stdout)).toMatchObject({ name: 'toy', fromCache: true, folder: datasetFolder });
    const run = await cli(['bm25', '--dataset', datasetFolder, '--top', '1']);
    expect(run.stdout).toMatch(/^q1 Q0 d1 1 [\d.]+ bm25\nq2 Q0 d2 1 [\d.]+ bm25\n$/);
    // bench finds a downloaded dataset in the cache by its name.
    const bench = await cli(['bench', '--dataset', 'toy', '--cache-dir', 'cache', '-m', 'RR', '--json']);
    expect(bench.code).toBe(0);
    expect(JSON.parse(bench.stdout)).toMatchObject({ queries: ['q1', 'q2'], baseline: { name: 'bm25' }, benchmark: { dataset: datasetFolder } });
    const listed = await cli(['dataset', 'list', '--cache-dir', 'cache', '--json']);
    expect((JSON.parse(listed.stdout) as { datasets: { name: string }[] }).datasets.map((dataset) => dataset.name)).toContain('scifact');
  });

  it('refuses unsafe archives with exit 1 and leaves nothing unpacked', async () => {
    for (const [name, reason] of [
      ['evil', 'invalid relative path'],
      ['link', 'a symbolic link'],
    ] as const) {
      const result = await cli(['dataset', 'get', `${base}/${name}.zip`, '--cache-dir', 'cache']);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(reason);
      expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(existsSync(join(folder, 'cache', 'datasets', name))).toBe(false);
    }
    expect(existsSync(join(folder, 'evil.txt'))).toBe(false);
    expect(existsSync(join(folder, 'cache', 'evil.txt'))).toBe(false);
  });

  it('exits 2 for an unknown name or a malformed md5, 1 for a checksum mismatch or an HTTP error', async () => {
    const unknown = await cli(['dataset', 'get', 'scifakt', '--cache-dir', 'cache']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^error: unknown dataset "scifakt": expected a BEIR name \(msmarco, trec-covid, nfcorpus/);
    const badMd5 = await cli(['dataset', 'get', `${base}/toy.zip`, '--md5', 'xyz']);
    expect(badMd5.code).toBe(2);
    const mismatch = await cli(['dataset', 'get', `${base}/toy.zip`, '--cache-dir', 'other-cache', '--md5', 'f'.repeat(32)]);
    expect(mismatch.code).toBe(1);
    expect(mismatch.stderr).toContain(`differs from the expected ${'f'.repeat(32)}`);
    const missing = await cli(['dataset', 'get', `${base}/missing.zip`, '--cache-dir', 'cache']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('the server answered 404');
  });
});
