import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
};

export const DESIGNER_DIST = join(import.meta.dirname, '..', '..', 'designer', 'dist');

/** API answers by path; a path not listed is a 404 with the runtime's `{ error }` shape. */
export type FakeApi = Record<string, unknown>;

export interface DesignerServer {
  url: string;
  close(): Promise<void>;
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

/**
 * The built designer plus a canned API, on 127.0.0.1 at a free port: enough
 * to drive the page in a browser without the runtime or a database.
 */
export async function serveDesigner(api: FakeApi): Promise<DesignerServer> {
  if (!existsSync(join(DESIGNER_DIST, 'index.html'))) {
    throw new Error(`no built designer in ${DESIGNER_DIST}: run \`npm run build:designer\` first`);
  }
  const server = createServer(async (request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
    if (path.startsWith('/api/') || path === '/health') {
      if (Object.hasOwn(api, path)) sendJson(response, 200, api[path]);
      else sendJson(response, 404, { error: `${path.replace(/^\/api\//, '')} not found` });
      return;
    }
    const file = normalize(join(DESIGNER_DIST, path));
    const inside = file.startsWith(DESIGNER_DIST + sep) && existsSync(file) && extname(file) !== '';
    const served = inside ? file : join(DESIGNER_DIST, 'index.html');
    const type = CONTENT_TYPES[extname(served)] ?? 'application/octet-stream';
    response.writeHead(200, { 'content-type': type }).end(await readFile(served));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
