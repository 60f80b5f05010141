// The same WebAssembly kernels in a browser: the built package is served to Debian's Chromium, which compiles the
// kernels asynchronously (initWasmKernels, as a page's main thread must), runs every product against the JavaScript
// kernels within the float32 summation bound, merges the PyTorch reference adapter (ref.json) and converts F16/BF16
// with the same bits as Node. A second page checks the default choice on a main thread that calls nothing first.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { float32ArrayToBfloat16, float32ArrayToFloat16 } from '../src/index.js';
import { loadReference, referenceAvailable } from './reference-math-data.js';

const packageRoot = fileURLToPath(new URL('../', import.meta.url));
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ready = existsSync(chromiumPath) && existsSync(join(packageRoot, 'dist/index.js'));
if (!ready && process.env.CI !== undefined) {
  throw new Error(`the browser test needs Chromium at ${chromiumPath} (or CHROMIUM_PATH) and the built package (${join(packageRoot, 'dist')})`);
}

/** What the page computes; see `pageScript`. */
interface PageResult {
  simd: boolean;
  kernels: string;
  worstRatios: Record<string, number>;
  mergedWeight: number[] | undefined;
  bfloat16: number[];
  float16: number[];
}

// The page: plain JavaScript importing the built package (no bundler), everything in float32 typed arrays.
const pageScript = `
import { initWasmKernels, createWasmKernelsAsync, setKernelSet, javascriptKernels, wasmSimdSupported, mergeLoraInto, createMatrix, float32ArrayToBfloat16, float32ArrayToFloat16 } from '/dist/index.js';
const simd = wasmSimdSupported();
const active = await initWasmKernels();
// Every size on WebAssembly, even the reference's small matrices (the default sends those to JavaScript).
const kernels = await createWasmKernelsAsync({ minimumMultiplyAdds: 0 });
setKernelSet(kernels);
const random = (length, seed) => Float32Array.from({ length }, (_, index) => Math.sin(seed * 1000 + index * 0.7) * 2);
const worstRatios = {};
for (const [m, n, k] of [[37, 70, 300], [4, 8, 256], [5, 9, 257], [26, 129, 600]]) {
  for (const kind of ['matmul', 'matmulTransposeA', 'matmulTransposeB']) {
    const a = random(m * k, 1), b = random(k * n, 2);
    const ours = new Float32Array(m * n), theirs = new Float32Array(m * n);
    kernels[kind]({ m, n, k, a, b, c: ours, alpha: 1, beta: 0 });
    javascriptKernels[kind]({ m, n, k, a, b, c: theirs, alpha: 1, beta: 0 });
    // Σ|aᵢbᵢ| ≤ 4k for these values: the float32 summation bound 2(k + 2)·u·Σ|aᵢbᵢ|, doubled for the fallback's own error.
    const bound = 4 * (k + 2) * 2 ** -24 * 4 * k;
    let worst = 0;
    for (let index = 0; index < ours.length; index++) worst = Math.max(worst, Math.abs(ours[index] - theirs[index]) / bound);
    worstRatios[kind + ' ' + m + '×' + n + '×' + k] = worst;
  }
}
let mergedWeight;
if (window.reference !== undefined) {
  const { W, A, B, scaling } = window.reference;
  const weight = createMatrix(W.shape[0], W.shape[1], Float32Array.from(W.data));
  mergeLoraInto(weight, { a: createMatrix(A.shape[0], A.shape[1], Float32Array.from(A.data)), b: createMatrix(B.shape[0], B.shape[1], Float32Array.from(B.data)), scaling });
  mergedWeight = [...weight.data];
}
const values = random(10007, 3).map((value) => value * 1000);
window.result = { simd, kernels: active.name, worstRatios, mergedWeight, bfloat16: [...float32ArrayToBfloat16(values)], float16: [...float32ArrayToFloat16(values)] };
`;

// The default kernel set on a page's main thread, with no call to initWasmKernels: Debian's Chromium (156 when this was
// written) allows synchronous compilation of modules up to 8 MB on the main thread (older Chromium-based browsers
// refuse above 4 KB; test/kernel-default.test.ts simulates those), so it compiles the 5.5 KB module synchronously and
// the WebAssembly kernels are the default there too.
const defaultPageScript = `
import { activeKernelSetName, matmul, createMatrix } from '/dist/index.js';
const name = activeKernelSetName();
const a = createMatrix(64, 64, Float32Array.from({ length: 4096 }, (_, index) => (index % 7) - 3));
const product = matmul(a, a);
window.result = { name, corner: product.data[0] };
`;

describe.skipIf(!ready)(`WebAssembly kernels in Chromium ${ready ? '' : `(skipped: no Chromium at ${chromiumPath} or no dist/: run pnpm build)`}`, () => {
  let browser: Browser;
  let url: string;
  let close: () => void;

  beforeAll(async () => {
    const server = createServer((request, response) => {
      void (async () => {
        const pathname = new URL(request.url ?? '/', 'http://localhost').pathname;
        if (pathname === '/' || pathname === '/default') {
          response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
          response.end(`<!doctype html><meta charset="utf-8"><script type="module">${pathname === '/' ? pageScript : defaultPageScript}</script>`);
          return;
        }
        const file = join(packageRoot, normalize(pathname).replace(/^([/\\])+/, ''));
        const body = file.startsWith(join(packageRoot, 'dist') + sep) ? await readFile(file).catch(() => undefined) : undefined;
        response.writeHead(body === undefined ? 404 : 200, { 'content-type': 'text/javascript; charset=utf-8' });
        response.end(body);
      })();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}/`;
    close = () => server.close();
    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
  });

  afterAll(async () => {
    await browser?.close();
    close?.();
  });

  it('compiles the kernels asynchronously, agrees with the JavaScript kernels, merges the PyTorch reference and converts with Node\'s bits', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    const reference = referenceAvailable ? loadReference() : undefined;
    if (reference !== undefined) {
      await page.addInitScript((inputs) => {
        (globalThis as unknown as { reference: unknown }).reference = inputs;
      }, { W: reference.inputs.W, A: reference.inputs.A, B: reference.inputs.B, scaling: reference.scaling });
    }
    await page.goto(url);
    await page.waitForFunction(() => (globalThis as unknown as { result?: unknown }).result !== undefined, undefined, { timeout: 30_000 });
    const result = await page.evaluate(() => (globalThis as unknown as { result: PageResult }).result);
    expect(errors).toEqual([]);
    expect(result.simd).toBe(true);
    expect(result.kernels).toBe('wasm-simd');
    for (const [product, ratio] of Object.entries(result.worstRatios)) expect(ratio, product).toBeLessThanOrEqual(1);
    if (reference !== undefined) {
      const expected = reference.merge.W_merged_f64.data;
      expect(result.mergedWeight).toHaveLength(expected.length);
      result.mergedWeight!.forEach((value, index) => expect(Math.abs(value - expected[index]!), `W_merged[${String(index)}]`).toBeLessThanOrEqual(2e-6 + 2e-6 * Math.abs(expected[index]!)));
    }
    const values = Float32Array.from({ length: 10_007 }, (_, index) => Math.fround(Math.sin(3 * 1000 + index * 0.7) * 2) * 1000);
    expect(result.bfloat16).toEqual([...float32ArrayToBfloat16(values)]);
    expect(result.float16).toEqual([...float32ArrayToFloat16(values)]);
  });

  it('uses the WebAssembly kernels by default on the main thread, with no initWasmKernels call', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${url}default`);
    await page.waitForFunction(() => (globalThis as unknown as { result?: unknown }).result !== undefined, undefined, { timeout: 30_000 });
    const result = await page.evaluate(() => (globalThis as unknown as { result: { name: string; corner: number } }).result);
    expect(errors).toEqual([]);
    expect(result.name).toBe('wasm-simd');
    // Row 0 of A is (i mod 7) − 3 for i < 64; column 0 is (64·t mod 7) − 3 = (t mod 7) − 3: Σₜ ((t mod 7) − 3)².
    let expected = 0;
    for (let t = 0; t < 64; t++) expected += ((t % 7) - 3) ** 2;
    expect(result.corner).toBe(expected);
  });
});
