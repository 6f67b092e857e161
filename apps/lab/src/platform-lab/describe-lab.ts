/** What `up` prints and `status` answers: sites, pods, processes, stand-ins, and how to reach the UI. */
import { join } from 'node:path';
import { standInNotes } from '../runtime/image-kinds.ts';
import { ingressHosts } from './lab-layout.ts';
import type { PlatformLab } from './start-platform-lab.ts';

/** The operator's UI host and the ingress address it is served at. */
export function uiEndpoint(lab: PlatformLab): { host: string; address: string; url: string } | undefined {
  for (const cluster of lab.clusters) {
    const host = ingressHosts(cluster).find((h) => h.startsWith('ui.'));
    const address = lab.ingressAddress(cluster.role);
    if (host && address) return { host, address, url: `https://${host}/` };
  }
  return undefined;
}

export function describeStatus(lab: PlatformLab): string[] {
  return lab.supervisor.status().map((s) => `${s.name.padEnd(32)} ${s.state.padEnd(11)} ${s.ready ? 'ready' : 'not ready'}  pid ${s.pid ?? '-'}  restarts ${s.restarts}`);
}

export function describeLab(lab: PlatformLab): string[] {
  const lines = [`\nThe ${lab.topology} platform is running in the lab.`, '', 'Sites (no route between them; the WAN proxy on each gateway, port 443, is the only way across):'];
  for (const site of lab.lab.sites) lines.push(`  ${site.name.padEnd(6)} ${site.subnet.padEnd(16)} gateway ${site.gateway}`);
  lines.push('', 'Pods and processes:');
  for (const [key, pod] of lab.pods) {
    const processes = lab.supervisor.status().filter((s) => s.name === key || s.name.startsWith(`${key}/`));
    lines.push(`  ${key.padEnd(28)} ${pod.address.padEnd(14)} ${processes.map((p) => `${p.name.split('/').slice(1).join('/')} (pid ${p.pid ?? '-'}, ${p.ready ? 'ready' : 'not ready'})`).join(', ') || '-'}`);
  }
  lines.push('', 'Stand-ins (what cannot run here, replaced):');
  lines.push('  Traefik    → nginx from the rendered Ingress and Middleware objects, behind a websecure entrypoint that also serves IngressRouteTCP (PostgreSQL STARTTLS)');
  lines.push('  kubelet    → a supervisor restarting crashed processes with the kubelet back-off (immediately, then 10 s doubling to 5 min)');
  lines.push('  CoreDNS    → a DNS server per site on its gateway, and /etc/netns/<pod>/hosts');
  lines.push('  pipelines  → the trainer `pipeline` command as one job pod next to MLflow');
  for (const [kind, note] of Object.entries(standInNotes)) lines.push(`  ${kind.padEnd(10)} → ${note}`);
  if (lab.layout.notRun.length > 0) {
    lines.push('', 'Not run in the lab:');
    for (const item of lab.layout.notRun) lines.push(`  ${item.cluster}: ${item.workload}: ${item.reason}`);
  }
  const ui = uiEndpoint(lab);
  if (ui) {
    lines.push(
      '',
      `UI: ${ui.url}  (user ${lab.secrets.operator.user}, password ${lab.secrets.operator.password})`,
      `    ${ui.host} is ${ui.address} from this machine: chromium --host-resolver-rules="MAP ${ui.host} ${ui.address}" ${ui.url}`,
      `    the lab CA to trust: ${join(lab.stateDir, 'ca', 'ca.crt')}`,
    );
  }
  lines.push(`Logs: ${join(lab.stateDir, 'logs')}`);
  return lines;
}
