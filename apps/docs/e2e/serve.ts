import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml',
  '.wasm': 'application/wasm',
};

/** Serves a built static site on 127.0.0.1 with clean URLs (`/guide` → `guide.html`), as a host would. */
export async function serveStatic(root: string): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer((request, response) => {
    void (async () => {
      const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
      const relative = normalize(pathname).replace(/^([/\\])+/, '');
      const candidates = [relative, `${relative}.html`, join(relative, 'index.html')];
      for (const candidate of candidates) {
        const file = join(root, candidate);
        if (!file.startsWith(root + sep) && file !== root) break;
        const info = await stat(file).catch(() => undefined);
        if (info?.isFile() === true) {
          // Hashed assets never change, as a static host would say; pages are revalidated.
          const caching = candidate.startsWith(`assets${sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache';
          response.writeHead(200, { 'content-type': contentTypes[extname(file)] ?? 'application/octet-stream', 'cache-control': caching });
          createReadStream(file).pipe(response);
          return;
        }
      }
      response.writeHead(404, { 'content-type': 'text/plain' });
      response.end('not found');
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${String(port)}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
