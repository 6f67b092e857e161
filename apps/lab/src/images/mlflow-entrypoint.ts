/**
 * The lab's stand-in for the MLflow image: the project's MLflow-compatible server (the one every
 * registry test runs against, with MLflow's REST paths, fields, errors and artifact proxy), started
 * on the `--host` and `--port` of the rendered `mlflow server` command. Its backend store and
 * artifact destination (PostgreSQL, MinIO) are not used: runs, models and artifacts live in memory
 * for the lab's lifetime, which the lab report lists.
 */
import { startFakeMlflowServer } from '@millwright/registry/testing';

/** `--host` and `--port` of an `mlflow server` command line (the rendered `sh -c` string). */
export function mlflowListen(commandLine: string): { host: string; port: number } {
  const host = /--host\s+(\S+)/.exec(commandLine)?.[1] ?? '127.0.0.1';
  const port = Number(/--port\s+(\d+)/.exec(commandLine)?.[1] ?? '5000');
  return { host, port };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const commandLine = process.argv.slice(2).join(' ');
  const listen = mlflowListen(commandLine);
  const server = await startFakeMlflowServer({ listen, keepRequests: 1000 });
  console.log(`mlflow stand-in listening on ${listen.host}:${listen.port}`);
  const stop = () => void server.close().then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}
