/**
 * A lab owner that crashes: it starts a lab with one pod and a process in it, prints what it made
 * as JSON, and exits without destroy(), leaving everything behind as a crashed run would.
 * Usage: node --import tsx crashing-lab-owner.ts <prefix> <subnet>
 */
import { createLab } from '../lab.ts';

const [prefix, subnet] = process.argv.slice(2);
const lab = await createLab({ prefix, sites: [{ name: 'edge', subnet: subnet! }] });
const pod = await lab.addPod('edge', 'orphan');
const orphan = lab.exec(pod, [process.execPath, '-e', 'setInterval(() => {}, 60_000)'], { stdio: 'ignore' });
process.stdout.write(`${JSON.stringify({ namespace: pod.namespace, hostVeth: pod.hostVeth, bridge: lab.sites[0]!.bridge, orphanPid: orphan.pid })}\n`);
process.exit(1);
