import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DatasetDownloadError, datasetSource, downloadDataset, findCachedDataset, resolveCacheDirectory } from '../src/node/index.js';

// A minimal zip writer, so the tests can build honest and malicious archives byte by byte.
interface ZipInput {
  readonly name: string;
  readonly data?: string | Uint8Array;
  /** Unix mode including the file type bits (0o100644 a file, 0o120777 a symbolic link). */
  readonly mode?: number;
  readonly deflate?: boolean;
  /** Lie about the uncompressed size in the headers. */
  readonly declaredSize?: number;
}

function buildZip(inputs: readonly ZipInput[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const input of inputs) {
    const name = Buffer.from(input.name, 'utf8');
    const raw = typeof input.data === 'string' ? Buffer.from(input.data, 'utf8') : Buffer.from(input.data ?? new Uint8Array());
    const stored = input.deflate === true ? deflateRawSync(raw) : raw;
    const method = input.deflate === true ? 8 : 0;
    const checksum = crc32(raw);
    const size = input.declaredSize ?? raw.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(0, 10);
    local.writeUInt16LE(0x21, 12);
    local.writeUInt32LE(checksum, 14);
    local.writeUInt32LE(stored.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE((3 << 8) | 20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt16LE(0, 12);
    central.writeUInt16LE(0x21, 14);
    central.writeUInt32LE(checksum, 16);
    central.writeUInt32LE(stored.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(((input.mode ?? (input.name.endsWith('/') ? 0o040755 : 0o100644)) << 16) >>> 0, 38);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, stored);
    centrals.push(central, name);
    offset += local.length + name.length + stored.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(inputs.length, 8);
  end.writeUInt16LE(inputs.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const datasetFiles = (folder: string, corpusText = '{"_id":"d1","title":"","text":"hello"}\n'): ZipInput[] => [
  { name: `${folder}/` },
  { name: `${folder}/corpus.jsonl`, data: corpusText, deflate: true },
  { name: `${folder}/queries.jsonl`, data: '{"_id":"q1","text":"hello"}\n', deflate: true },
  { name: `${folder}/qrels/test.tsv`, data: 'query-id\tcorpus-id\tscore\nq1\td1\t1\n' },
];
// Incompressible padding makes the archive long enough for a cut in the middle to matter.
const padding = createHash('sha512').update('x').digest('hex').repeat(3000);
const goodZip = buildZip([...datasetFiles('toy'), { name: 'toy/padding.txt', data: padding }]);
const md5 = (bytes: Uint8Array): string => createHash('md5').update(bytes).digest('hex');

interface Route {
  body: Buffer;
  /** Honour Range requests (default true). */
  ranges?: boolean;
  /** Cut the connection after this many body bytes, on the first `cuts` requests. */
  cutAfter?: number;
  cuts?: number;
  /** Announce this Content-Length instead of the real one. */
  announcedLength?: number;
  status?: number;
}

describe('downloadDataset against a local HTTP server', () => {
  const routes = new Map<string, Route>();
  const requests: { path: string; range: string | undefined }[] = [];
  let server: Server;
  let base = '';
  const cacheRoot = mkdtempSync(join(tmpdir(), 'benchline-download-'));
  let cacheCount = 0;
  const freshCache = (): string => join(cacheRoot, `cache-${String(++cacheCount)}`);

  beforeAll(async () => {
    server = createServer((request: IncomingMessage, response: ServerResponse) => {
      const path = request.url ?? '/';
      const range = request.headers.range;
      requests.push({ path, range });
      const route = routes.get(path);
      if (route === undefined || route.status !== undefined) {
        response.writeHead(route?.status ?? 404).end('not found');
        return;
      }
      let body = route.body;
      const etag = `"${md5(route.body)}"`;
      const match = route.ranges === false ? null : /^bytes=(\d+)-$/.exec(range ?? '');
      if (match !== null && (request.headers['if-range'] === undefined || request.headers['if-range'] === etag)) {
        const start = Number(match[1]);
        body = route.body.subarray(start);
        response.writeHead(206, { 'Content-Length': String(body.length), 'Content-Range': `bytes ${String(start)}-${String(route.body.length - 1)}/${String(route.body.length)}`, ETag: etag });
      } else {
        response.writeHead(200, { 'Content-Length': String(route.announcedLength ?? body.length), ETag: etag, 'Accept-Ranges': route.ranges === false ? 'none' : 'bytes' });
      }
      if (route.cutAfter !== undefined && (route.cuts ?? 0) > 0) {
        route.cuts = (route.cuts ?? 0) - 1;
        // Let the bytes reach the client before the connection drops.
        response.write(body.subarray(0, route.cutAfter), () => setTimeout(() => response.socket?.destroy(), 50));
        return;
      }
      response.end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    rmSync(cacheRoot, { recursive: true, force: true });
  });

  async function failure(promise: Promise<unknown>): Promise<DatasetDownloadError> {
    try {
      await promise;
    } catch (error) {
      expect(error).toBeInstanceOf(DatasetDownloadError);
      return error as DatasetDownloadError;
    }
    throw new Error('expected the download to fail');
  }

  /** The dataset folder is absent and no temporary folder or partial unpack is left. */
  function expectNothingUnpacked(cacheDir: string, name: string): void {
    expect(existsSync(join(cacheDir, 'datasets', name))).toBe(false);
    const leftovers = existsSync(join(cacheDir, 'datasets')) ? readdirSync(join(cacheDir, 'datasets')) : [];
    expect(leftovers).toEqual([]);
  }

  it('downloads, verifies the md5, unpacks the top folder into the cache with a progress report, then serves it from the cache', async () => {
    routes.set('/toy.zip', { body: goodZip });
    const cacheDir = freshCache();
    const phases = new Set<string>();
    let lastDownload = 0;
    const result = await downloadDataset(`${base}/toy.zip`, {
      cacheDir,
      md5: md5(goodZip),
      onProgress: (progress) => {
        phases.add(progress.phase);
        if (progress.phase === 'download') lastDownload = progress.bytes;
      },
    });
    expect(result).toMatchObject({ name: 'toy', folder: join(cacheDir, 'datasets', 'toy'), md5: md5(goodZip), checksumVerified: true, fromCache: false, bytes: goodZip.length });
    expect([...phases]).toEqual(['download', 'verify', 'unpack']);
    expect(lastDownload).toBe(goodZip.length);
    expect(readFileSync(join(result.folder, 'qrels', 'test.tsv'), 'utf8')).toBe('query-id\tcorpus-id\tscore\nq1\td1\t1\n');
    expect(readFileSync(join(result.folder, 'padding.txt'), 'utf8')).toBe(padding);
    expect(readdirSync(join(cacheDir, 'downloads'))).toEqual([]);
    expect(await findCachedDataset('toy', { cacheDir })).toBe(result.folder);
    const before = requests.length;
    const again = await downloadDataset(`${base}/toy.zip`, { cacheDir });
    expect(again).toMatchObject({ fromCache: true, folder: result.folder, md5: md5(goodZip) });
    expect(requests.length).toBe(before);
  });

  it('resumes with an HTTP Range request after the connection is cut mid-download', async () => {
    const half = Math.floor(goodZip.length / 2);
    routes.set('/cut.zip', { body: goodZip, cutAfter: half, cuts: 1 });
    const cacheDir = freshCache();
    const before = requests.length;
    const result = await downloadDataset(`${base}/cut.zip`, { cacheDir, md5: md5(goodZip) });
    expect(result.md5).toBe(md5(goodZip));
    const made = requests.slice(before).filter((request) => request.path === '/cut.zip');
    expect(made).toHaveLength(2);
    expect(made[0]!.range).toBeUndefined();
    expect(made[1]!.range).toMatch(/^bytes=\d+-$/);
    expect(Number(/\d+/.exec(made[1]!.range!)![0])).toBeGreaterThan(0);
    expect(readFileSync(join(result.folder, 'padding.txt'), 'utf8')).toBe(padding);
  });

  it('keeps a broken download for the next call, which resumes it', async () => {
    routes.set('/later.zip', { body: goodZip, cutAfter: 5000, cuts: 1 });
    const cacheDir = freshCache();
    const error = await failure(downloadDataset(`${base}/later.zip`, { cacheDir, md5: md5(goodZip), retries: 0 }));
    expect(error.problem).toBe('interrupted');
    expect(error.message).toContain('bytes are kept and the next attempt resumes from there');
    expectNothingUnpacked(cacheDir, 'later');
    const before = requests.length;
    const result = await downloadDataset(`${base}/later.zip`, { cacheDir, md5: md5(goodZip) });
    expect(result.bytes).toBe(goodZip.length);
    expect(requests.slice(before)[0]!.range).toMatch(/^bytes=\d+-$/);
  });

  it('restarts cleanly from zero when the server ignores Range', async () => {
    routes.set('/norange.zip', { body: goodZip, ranges: false, cutAfter: 7000, cuts: 1 });
    const cacheDir = freshCache();
    const result = await downloadDataset(`${base}/norange.zip`, { cacheDir, md5: md5(goodZip) });
    expect(result.md5).toBe(md5(goodZip));
    expect(readFileSync(join(result.folder, 'corpus.jsonl'), 'utf8')).toContain('"d1"');
  });

  it('refuses a checksum mismatch and deletes the download', async () => {
    routes.set('/tampered.zip', { body: goodZip });
    const cacheDir = freshCache();
    const error = await failure(downloadDataset(`${base}/tampered.zip`, { cacheDir, md5: '0'.repeat(32) }));
    expect(error.problem).toBe('checksum');
    expect(error.message).toContain(`md5 ${md5(goodZip)} differs from the expected ${'0'.repeat(32)}`);
    expectNothingUnpacked(cacheDir, 'tampered');
    expect(readdirSync(join(cacheDir, 'downloads'))).toEqual([]);
  });

  it('checks a known BEIR dataset against its published md5', async () => {
    expect(datasetSource('scifact')).toEqual({ name: 'scifact', url: 'https://public.ukp.informatik.tu-darmstadt.de/thakur/BEIR/datasets/scifact.zip', md5: '5f7d1de60b170fc8027bb7898e2efca1' });
    routes.set('/scifact.zip', { body: goodZip });
    const cacheDir = freshCache();
    const asked: string[] = [];
    const local: typeof fetch = (input, init) => {
      asked.push(input instanceof Request ? input.url : input.toString());
      return fetch(`${base}/scifact.zip`, init);
    };
    const error = await failure(downloadDataset('scifact', { cacheDir, fetch: local }));
    expect(asked[0]).toBe('https://public.ukp.informatik.tu-darmstadt.de/thakur/BEIR/datasets/scifact.zip');
    expect(error.problem).toBe('checksum');
    expect(error.message).toContain('differs from the expected 5f7d1de60b170fc8027bb7898e2efca1');
    const unknown = await failure(downloadDataset('scifakt', { cacheDir }));
    expect(unknown.problem).toBe('unknown-dataset');
    expect(unknown.message).toContain('expected a BEIR name (msmarco, trec-covid, nfcorpus');
  });

  it.each([
    ['dot-dot', [...datasetFiles('evil'), { name: '../evil.txt', data: 'escaped' }], 'invalid relative path'],
    ['nested-dot-dot', [...datasetFiles('evil'), { name: 'evil/../../evil.txt', data: 'escaped' }], 'invalid relative path'],
    ['absolute', [...datasetFiles('evil'), { name: '/tmp/benchline-evil.txt', data: 'escaped' }], 'absolute path'],
    ['backslash', [...datasetFiles('evil'), { name: 'evil\\..\\..\\evil.txt', data: 'escaped' }], 'invalid characters'],
    ['symlink', [...datasetFiles('evil'), { name: 'evil/link', data: '../../../../etc/passwd', mode: 0o120777 }], 'a symbolic link'],
    ['fifo', [...datasetFiles('evil'), { name: 'evil/pipe', data: '', mode: 0o010644 }], 'a special file'],
  ] as const)('refuses an archive with a %s entry and leaves nothing unpacked', async (kind, entries, reason) => {
    routes.set(`/${kind}.zip`, { body: buildZip(entries) });
    const cacheDir = freshCache();
    const error = await failure(downloadDataset(`${base}/${kind}.zip`, { cacheDir }));
    expect(error.problem).toBe('unsafe-archive');
    expect(error.message).toContain(reason);
    expectNothingUnpacked(cacheDir, kind);
    expect(existsSync(join(cacheDir, 'datasets', 'evil.txt'))).toBe(false);
    expect(existsSync(join(cacheDir, 'evil.txt'))).toBe(false);
    expect(existsSync('/tmp/benchline-evil.txt')).toBe(false);
  });

  it('stops a zip bomb at the uncompressed limit, by declared size and by the inflated bytes when the header lies', async () => {
    const zeros = new Uint8Array(8 * 1024 * 1024);
    const bomb = buildZip([...datasetFiles('bomb'), { name: 'bomb/zeros.bin', data: zeros, deflate: true }]);
    expect(bomb.length).toBeLessThan(64 * 1024);
    routes.set('/bomb.zip', { body: bomb });
    const cacheDir = freshCache();
    const declared = await failure(downloadDataset(`${base}/bomb.zip`, { cacheDir, maxUncompressedBytes: 1024 * 1024 }));
    expect(declared.problem).toBe('too-large');
    expect(declared.message).toContain('unpacks to more than the limit of 1048576 bytes');
    expectNothingUnpacked(cacheDir, 'bomb');

    const liar = buildZip([...datasetFiles('liar'), { name: 'liar/zeros.bin', data: zeros, deflate: true, declaredSize: 100 }]);
    routes.set('/liar.zip', { body: liar });
    const lied = await failure(downloadDataset(`${base}/liar.zip`, { cacheDir, maxUncompressedBytes: 1024 * 1024 }));
    expect(['too-large', 'bad-archive']).toContain(lied.problem);
    expectNothingUnpacked(cacheDir, 'liar');
  });

  it('stops a download over the size limit, announced or not', async () => {
    routes.set('/big.zip', { body: goodZip });
    const cacheDir = freshCache();
    const announced = await failure(downloadDataset(`${base}/big.zip`, { cacheDir, maxDownloadBytes: 1000 }));
    expect(announced.problem).toBe('too-large');
    expect(announced.message).toContain(`${String(goodZip.length)} bytes, more than the limit of 1000 bytes`);
    expect(readdirSync(join(cacheDir, 'downloads'))).toEqual([]);
  });

  it('reports HTTP errors, and a failed forced re-download leaves the complete dataset in place', async () => {
    const cacheDir = freshCache();
    routes.set('/missing.zip', { body: Buffer.alloc(0), status: 404 });
    const missing = await failure(downloadDataset(`${base}/missing.zip`, { cacheDir }));
    expect(missing.problem).toBe('http');
    expect(missing.message).toContain('the server answered 404');

    routes.set('/swap.zip', { body: goodZip });
    const first = await downloadDataset(`${base}/swap.zip`, { cacheDir });
    routes.set('/swap.zip', { body: buildZip([...datasetFiles('toy', '{"_id":"d2","title":"","text":"new"}\n'), { name: '../x', data: 'x' }]) });
    const error = await failure(downloadDataset(`${base}/swap.zip`, { cacheDir, force: true }));
    expect(error.problem).toBe('unsafe-archive');
    expect(readFileSync(join(first.folder, 'corpus.jsonl'), 'utf8')).toContain('"d1"');
    expect(await findCachedDataset('swap', { cacheDir })).toBe(first.folder);
    expect(readdirSync(join(cacheDir, 'datasets'))).toEqual(['swap']);
  });

  it('refuses a corrupt archive', async () => {
    routes.set('/corrupt.zip', { body: Buffer.from('this is not a zip file at all, just text') });
    const cacheDir = freshCache();
    const error = await failure(downloadDataset(`${base}/corrupt.zip`, { cacheDir }));
    expect(error.problem).toBe('bad-archive');
    expectNothingUnpacked(cacheDir, 'corrupt');
  });
});

describe('resolveCacheDirectory', () => {
  it('prefers the option, then an absolute XDG_CACHE_HOME, then ~/.cache', () => {
    expect(resolveCacheDirectory({ cacheDir: '/x/y' })).toBe('/x/y');
    expect(resolveCacheDirectory({ env: { XDG_CACHE_HOME: '/var/cache/me' } })).toBe('/var/cache/me/benchline');
    expect(resolveCacheDirectory({ env: { XDG_CACHE_HOME: 'relative/ignored' } })).toMatch(/\.cache\/benchline$/);
    expect(resolveCacheDirectory({ env: {} })).toMatch(/\.cache\/benchline$/);
  });
});
