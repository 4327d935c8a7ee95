/**
 * `npm run fake-platforms`: every platform's fake API in one process on
 * loopback, for the local demo and for pointing the adapters' base URLs at.
 * Port from --port, else FAKE_PLATFORMS_PORT, else 8090.
 */
import { parseArgs } from 'node:util';
import { lineFakeRoutes } from './line.ts';
import { metaFakeRoutes } from './meta.ts';
import { startFakePlatforms } from './server.ts';
import { twitterFakeRoutes } from './twitter.ts';

const { values } = parseArgs({ options: { port: { type: 'string' } } });
const given = values.port ?? process.env.FAKE_PLATFORMS_PORT ?? '8090';
const port = Number(given);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`fake-platforms: the port must be a number from 0 to 65535, not "${given}"`);
  process.exit(2);
}

const fake = await startFakePlatforms({ port, host: '127.0.0.1', routes: [metaFakeRoutes, twitterFakeRoutes, lineFakeRoutes] });
console.log(`fake platforms listening on ${fake.url} (control API under ${fake.url}/_fake)`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void fake.close().then(() => process.exit(0));
  });
}
