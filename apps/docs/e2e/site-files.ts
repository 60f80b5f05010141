import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** Every HTML page of the built site (not the 404 page), as the URL path a host serves it at. */
export function builtPages(siteRoot: string): { path: string; file: string }[] {
  const pages: { path: string; file: string }[] = [];
  for (const entry of readdirSync(siteRoot, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.html')) continue;
    const file = join(entry.parentPath, entry.name);
    const name = relative(siteRoot, file).split(sep).join('/');
    if (name === '404.html') continue;
    const path = name === 'index.html' ? '/' : name.endsWith('/index.html') ? `/${name.slice(0, -'index.html'.length)}` : `/${name.slice(0, -'.html'.length)}`;
    pages.push({ path, file });
  }
  return pages.sort((left, right) => left.path.localeCompare(right.path));
}

/** The file a clean URL path resolves to, as `serve.ts` and static hosts resolve it; undefined when none. */
export function fileForPath(siteRoot: string, pathname: string): string | undefined {
  const relativePath = decodeURIComponent(pathname).replace(/^\/+/, '');
  for (const candidate of [relativePath, `${relativePath}.html`, join(relativePath, 'index.html')]) {
    const file = join(siteRoot, candidate);
    if (!file.startsWith(siteRoot)) return undefined;
    if (existsSync(file) && statSync(file).isFile()) return file;
  }
  return undefined;
}

/** Links and asset references in a page's HTML: `<a href>`, `<link href>`, `<script src>`, `<img src>`. */
export function references(html: string): { kind: 'link' | 'asset'; url: string }[] {
  const found: { kind: 'link' | 'asset'; url: string }[] = [];
  for (const match of html.matchAll(/<(a|link|script|img|source)\b[^>]*?\s(href|src)="([^"]*)"/g)) {
    const url = (match[3] as string).replaceAll('&amp;', '&');
    found.push({ kind: match[1] === 'a' ? 'link' : 'asset', url });
  }
  return found;
}

/** The ids a page's HTML declares, for checking `#fragment` links. */
export function declaredIds(html: string): Set<string> {
  return new Set([...html.matchAll(/\sid="([^"]+)"/g)].map((match) => decodeHtml(match[1] as string)));
}

function decodeHtml(text: string): string {
  return text.replaceAll('&amp;', '&').replaceAll('&quot;', '"').replaceAll('&#39;', "'").replaceAll('&lt;', '<').replaceAll('&gt;', '>');
}
