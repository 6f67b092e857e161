// Issue 16: two sites with no route between them, one namespace per pod, hosts files and a site
// DNS. Real namespaces, bridges and veths (the tests run as root); afterAll removes them all.
import { execFileSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { connect } from 'node:net';
import { systemProgram } from '@millwright/test-servers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLab, type Lab, type LabPod } from './lab.ts';
import { LabPlanError } from './lab-plan.ts';
import { cleanLeftovers, netnsConfigDirectory } from './leftovers.ts';
import { hostsFileText } from './name-files.ts';
import { connectFromPod, runNodeInPod, startGreeter, type ConnectOutcome } from './test-support/pod-scripts.ts';

const prefix = `mwt${randomBytes(3).toString('hex').slice(0, 5)}`;
// Subnets of this file only, so test files running side by side never overlap each other's routes.
const sites = [
  { name: 'edge', subnet: '10.213.201.0/24' },
  { name: 'cloud', subnet: '10.213.202.0/24' },
];
const port = 7000;
const ip = systemProgram('ip');

let lab: Lab;
let edgeApi: LabPod;
let edgeGateway: LabPod;
let cloudRegistry: LabPod;
let cloudPostgres: LabPod;
const greeters: ChildProcess[] = [];
/** The names the edge pods resolve: the cloud's postgres as the WAN proxy would expose it on the edge gateway. */
const edgeNames = { postgres: '10.213.201.1', 'postgres.platform.svc.cluster.local': '10.213.201.1' };

beforeAll(async () => {
  lab = await createLab({ prefix, sites });
  edgeApi = await lab.addPod('edge', 'inference-api', edgeNames);
  edgeGateway = await lab.addPod('edge', 'gateway', edgeNames);
  cloudRegistry = await lab.addPod('cloud', 'registry');
  cloudPostgres = await lab.addPod('cloud', 'postgres');
  for (const pod of [edgeGateway, cloudPostgres]) greeters.push(await startGreeter(lab, pod, port));
});

afterAll(async () => {
  try {
    await lab?.destroy();
  } finally {
    await cleanLeftovers(prefix);
  }
});

function connectFromRoot(host: string): Promise<ConnectOutcome> {
  return new Promise((resolve) => {
    const socket = connect(port, host);
    let greeting = '';
    socket.on('data', (chunk) => (greeting += chunk.toString()));
    socket.on('end', () => resolve({ greeting }));
    socket.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }));
  });
}

const ipOutput = (...args: string[]) => execFileSync(ip, args, { encoding: 'utf8' });

describe('the lab network', () => {
  it('gives each pod an address of its site and a namespace named after it', () => {
    expect(edgeApi).toMatchObject({ namespace: `${prefix}-edge-inference-api`, address: '10.213.201.2' });
    expect(edgeGateway.address).toBe('10.213.201.3');
    expect(cloudRegistry).toMatchObject({ namespace: `${prefix}-cloud-registry`, address: '10.213.202.2' });
    expect(lab.sites.map(({ name, gateway, bridge }) => ({ name, gateway, bridge }))).toEqual([
      { name: 'edge', gateway: '10.213.201.1', bridge: `${prefix}-br0` },
      { name: 'cloud', gateway: '10.213.202.1', bridge: `${prefix}-br1` },
    ]);
  });

  it('lets a pod reach a pod of its own site over TCP', async () => {
    expect(await connectFromPod(lab, edgeApi, edgeGateway.address, port)).toEqual({ greeting: 'hello from gateway' });
    expect(await connectFromPod(lab, cloudRegistry, cloudPostgres.address, port)).toEqual({ greeting: 'hello from postgres' });
  });

  it('gives a pod no route to the other site, in either direction', async () => {
    expect(await connectFromPod(lab, edgeApi, cloudPostgres.address, port)).toEqual({ error: 'ENETUNREACH' });
    expect(await connectFromPod(lab, cloudRegistry, edgeGateway.address, port)).toEqual({ error: 'ENETUNREACH' });
    expect(await connectFromPod(lab, edgeApi, lab.sites[1]!.gateway, port)).toEqual({ error: 'ENETUNREACH' });
  });

  it('lets the root namespace reach the pods of both sites', async () => {
    expect(await connectFromRoot(edgeGateway.address)).toEqual({ greeting: 'hello from gateway' });
    expect(await connectFromRoot(cloudPostgres.address)).toEqual({ greeting: 'hello from postgres' });
  });

  it('resolves the names the lab gives a pod from its hosts file, without asking DNS', async () => {
    const script = `const fs = require('node:fs');
require('node:dns').lookup('postgres.platform.svc.cluster.local', { family: 4 }, (error, address) =>
  console.log(JSON.stringify({ hosts: fs.readFileSync('/etc/hosts', 'utf8'), address, error: error?.code })));`;
    const result = await runNodeInPod(lab, edgeApi, script);
    expect(JSON.parse(result.stdout)).toEqual({ hosts: hostsFileText(edgeApi, edgeNames), address: '10.213.201.1' });
    expect(lab.sites[0]!.dnsQuestions).not.toContain('postgres.platform.svc.cluster.local');
  });

  it("resolves a site's names through the site's DNS server on its gateway, and nothing else", async () => {
    await lab.setNames('edge', 'inference-api', { ...edgeNames, 'model-registry': '10.213.201.1' });
    const script = `const resolver = new (require('node:dns').promises.Resolver)();
const ask = (name) => resolver.resolve4(name).then((addresses) => addresses[0], (error) => error.code);
Promise.all([ask('gateway'), ask('model-registry'), ask('registry')]).then((answers) => console.log(JSON.stringify({ servers: resolver.getServers(), answers })));`;
    const result = await runNodeInPod(lab, edgeApi, script);
    expect(JSON.parse(result.stdout)).toEqual({ servers: ['10.213.201.1'], answers: ['10.213.201.3', '10.213.201.1', 'ENOTFOUND'] });
    expect(lab.sites[0]!.dnsQuestions).toEqual(expect.arrayContaining(['gateway', 'model-registry', 'registry']));
  });

  it('starts a process in a pod with exactly the environment it is given', async () => {
    const result = await runNodeInPod(lab, edgeApi, 'console.log(JSON.stringify(process.env))', { ONLY: 'this', MQTT_URL: 'mqtt://gateway:1883' });
    expect(JSON.parse(result.stdout)).toEqual({ ONLY: 'this', MQTT_URL: 'mqtt://gateway:1883' });
    const withoutOptions = lab.exec(edgeApi, [process.execPath, '-e', 'console.log(JSON.stringify(process.env))']);
    let printed = '';
    withoutOptions.stdout!.on('data', (chunk: Buffer) => (printed += chunk.toString()));
    await new Promise((resolve) => withoutOptions.once('close', resolve));
    expect(JSON.parse(printed)).toEqual({});
  });

  it('refuses a pod name taken in the site, an unknown site and a name with two addresses', async () => {
    await expect(lab.addPod('edge', 'gateway')).rejects.toThrow('site edge already has a pod named gateway');
    await expect(lab.addPod('moon', 'gateway')).rejects.toThrow('"moon" is not a site of this lab; its sites are edge, cloud');
    await expect(lab.addPod('edge', 'ui', { postgres: '10.213.201.9' })).rejects.toThrow(
      'pod ui of site edge: name "postgres" is 10.213.201.9 for pod ui but 10.213.201.1 for pod inference-api',
    );
  });

  it('refuses to start a second lab whose subnet overlaps a route of the root namespace, creating nothing', async () => {
    const otherPrefix = `${prefix.slice(0, 7)}z`;
    const overlapping = createLab({ prefix: otherPrefix, sites: [{ name: 'edge', subnet: '10.213.201.128/25' }] });
    await expect(overlapping).rejects.toThrow(LabPlanError);
    await expect(overlapping).rejects.toThrow(
      `sites[0].subnet: 10.213.201.128/25 (site "edge") overlaps the route 10.213.201.0/24 dev ${prefix}-br0 of the root network namespace`,
    );
    expect(ipOutput('-o', 'link')).not.toContain(`${otherPrefix}-`);
  });

  // Last: it destroys the lab the other tests share.
  it('destroy kills what exec started and leaves no namespace, link or /etc/netns folder of the lab', async () => {
    const report = await lab.destroy();
    expect([...report.namespaces].sort()).toEqual([edgeApi, edgeGateway, cloudRegistry, cloudPostgres].map((pod) => pod.namespace).sort());
    expect(report.processesLeftRunning).toEqual([]);
    expect(greeters.every((greeter) => greeter.exitCode !== null || greeter.signalCode !== null)).toBe(true);
    expect(ipOutput('netns', 'list')).not.toContain(`${prefix}-`);
    expect(ipOutput('-o', 'link')).not.toContain(`${prefix}-`);
    expect(readdirSync(netnsConfigDirectory).filter((name) => name.startsWith(`${prefix}-`))).toEqual([]);
    expect(() => lab.exec(edgeApi, ['true'])).toThrow(`the lab ${prefix} has been destroyed`);
  });
});
