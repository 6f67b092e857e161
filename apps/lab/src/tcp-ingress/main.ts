/**
 * Runs the websecure entrypoint stand-in in an ingress pod: `main.ts <config.json>`, the JSON of
 * {@link WebsecureEntrypointOptions} with `cert` and `key` as file paths.
 */
import { readFileSync } from 'node:fs';
import { startWebsecureEntrypoint, type TcpRoute } from './websecure-entrypoint.ts';

interface EntrypointFile {
  readonly listen: { readonly host: string; readonly port: number };
  readonly https: { readonly host: string; readonly port: number };
  readonly tcpRoutes: readonly TcpRoute[];
  readonly certFile: string;
  readonly keyFile: string;
}

const config = JSON.parse(readFileSync(process.argv[2] ?? '', 'utf8')) as EntrypointFile;
const server = await startWebsecureEntrypoint({
  listen: config.listen,
  https: config.https,
  tcpRoutes: config.tcpRoutes,
  cert: readFileSync(config.certFile, 'utf8'),
  key: readFileSync(config.keyFile, 'utf8'),
  log: (line) => console.log(line),
});
console.log(`websecure entrypoint on ${config.listen.host}:${config.listen.port}: TLS to ${config.https.host}:${config.https.port}, ${config.tcpRoutes.length} TCP route(s)`);
const stop = () => server.close(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
