/**
 * Small Node.js programs the network tests run inside pods through `lab.exec`: a TCP server that
 * greets with its pod's name, a client that reports what connecting gave, and a script runner.
 */
import type { ChildProcess } from 'node:child_process';
import type { Lab, LabPod } from '../lab.ts';

export interface ScriptResult {
  readonly stdout: string;
  readonly stderr: string;
  readonly code: number | null;
}

/** Runs a Node.js script in the pod with exactly `env`, and resolves once it has exited. */
export function runNodeInPod(lab: Lab, pod: LabPod, script: string, env: Readonly<Record<string, string>> = {}): Promise<ScriptResult> {
  const child = lab.exec(pod, [process.execPath, '-e', script], { env });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ stdout, stderr, code }));
  });
}

/** Starts a TCP server on the pod's address that answers each connection with `hello from <pod>`. */
export function startGreeter(lab: Lab, pod: LabPod, port: number): Promise<ChildProcess> {
  const script = `require('node:net').createServer((socket) => socket.end('hello from ${pod.name}')).listen(${port}, '${pod.address}', () => console.log('listening'));`;
  const child = lab.exec(pod, [process.execPath, '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the greeter in pod ${pod.name} exited with ${code} before listening`)));
    child.stdout!.once('data', () => resolve(child));
  });
}

/** What connecting to host:port gives, in the form the client script prints. */
export type ConnectOutcome = { readonly greeting: string } | { readonly error: string };

/** The script that connects to host:port and prints {"greeting"} or {"error": code}. */
export function connectScript(host: string, port: number): string {
  return `const socket = require('node:net').connect(${port}, '${host}');
let data = '';
socket.setTimeout(5000, () => { console.log(JSON.stringify({ error: 'TIMEOUT' })); process.exit(); });
socket.on('data', (chunk) => (data += chunk));
socket.on('end', () => console.log(JSON.stringify({ greeting: data })));
socket.on('error', (error) => console.log(JSON.stringify({ error: error.code })));`;
}

/** Connects from inside `from` to host:port. */
export async function connectFromPod(lab: Lab, from: LabPod, host: string, port: number): Promise<ConnectOutcome> {
  const result = await runNodeInPod(lab, from, connectScript(host, port));
  if (result.code !== 0) throw new Error(`the client in pod ${from.name} failed (${result.code}): ${result.stderr}`);
  return JSON.parse(result.stdout) as ConnectOutcome;
}
