import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configMap, deployment } from '../rendered/test-support/hand-made-objects.ts';
import { labWorkloads } from '../rendered/index.ts';
import { containerProcess, defaultContainerPath, type ContainerContext } from './container-process.ts';

const root = join(import.meta.dirname, '../../../..');
const registry = 'ghcr.io/millwright-platform';

const context: ContainerContext = {
  workspaceRoot: root,
  registry,
  podDir: '/lab/pods/edge/x',
  caCert: '/lab/ca/ca.crt',
  program: (name) => `/usr/bin/${name}`,
  uiHtmlDir: '/ws/dist/apps/ui',
  socketDir: '/run/mwl/edge-x',
  readWorkspaceFile: (path) => (path.endsWith('nginx.conf') ? 'root /usr/share/nginx/html;\ninclude /tmp/ui-runtime/a.conf;\n' : 'dir="${UI_RUNTIME_DIR:-/tmp/ui-runtime}"\n'),
};

function workloadOf(container: Record<string, unknown>, volumes: readonly Record<string, unknown>[] = [], extra: readonly ReturnType<typeof configMap>[] = []) {
  const [workload] = labWorkloads([deployment('app', [container], { pod: { volumes } }), ...extra], {}, { cluster: 'edge' });
  return workload!;
}

describe('containerProcess', () => {
  it("runs an own image's bundled source with tsx, the image ENV under the container's, and the lab CA trusted", () => {
    const workload = workloadOf({ name: 'api', image: `${registry}/millwright-inference-api:0.1.0`, env: [{ name: 'PORT', value: '9090' }, { name: 'MILLWRIGHT_HOME', value: '/tmp/millwright' }], volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }] }, [{ name: 'tmp', emptyDir: {} }]);
    const process = containerProcess(workload, workload.containers[0]!, context);
    expect(process.argv.slice(1)).toEqual(['--import', 'tsx', join(root, 'apps/inference-api/src/server.ts')]);
    expect(process.env).toMatchObject({ PORT: '9090', NODE_ENV: 'production', HOST: '0.0.0.0', MILLWRIGHT_HOME: '/lab/pods/edge/x/volumes/tmp/millwright', NODE_EXTRA_CA_CERTS: '/lab/ca/ca.crt', PATH: defaultContainerPath });
    expect(process.dirs).toContain('/lab/pods/edge/x/volumes/tmp');
  });

  it('runs Mosquitto from Debian with its ConfigMap written into the pod and the paths in it moved there', () => {
    const workload = workloadOf(
      { name: 'mosquitto', image: 'docker.io/library/eclipse-mosquitto:2.0.22', command: ['/usr/sbin/mosquitto', '-c', '/mosquitto/config/mosquitto.conf'], volumeMounts: [{ name: 'config', mountPath: '/mosquitto/config' }] },
      [{ name: 'config', configMap: { name: 'mosquitto-config' } }],
      [configMap('mosquitto-config', { 'mosquitto.conf': 'acl_file /mosquitto/config/acl\n' })],
    );
    const process = containerProcess(workload, workload.containers[0]!, context);
    expect(process.argv).toEqual(['/usr/bin/mosquitto', '-c', '/lab/pods/edge/x/volumes/config/mosquitto.conf']);
    expect(process.files.map((f) => [f.path, f.bytes.toString()])).toEqual([['/lab/pods/edge/x/volumes/config/mosquitto.conf', 'acl_file /lab/pods/edge/x/volumes/config/acl\n']]);
  });

  it("puts Redis under Valkey's program names first on PATH", () => {
    const workload = workloadOf({ name: 'valkey', image: 'docker.io/valkey/valkey:8.1.11-alpine', command: ['/bin/sh', '-c', 'exec valkey-server --dir /data'], volumeMounts: [{ name: 'data', mountPath: '/data' }] }, [{ name: 'data', emptyDir: {} }]);
    const process = containerProcess(workload, workload.containers[0]!, context);
    expect(process.argv).toEqual(['/usr/bin/sh', '-c', 'exec valkey-server --dir /lab/pods/edge/x/volumes/data']);
    expect(process.env['PATH']).toBe(`/lab/pods/edge/x/bin:${defaultContainerPath}`);
    expect(process.files.find((f) => f.path.endsWith('/valkey-server'))?.bytes.toString()).toBe('#!/bin/sh\nexec /usr/bin/redis-server "$@"\n');
  });

  it("runs the UI image's entrypoint and nginx.conf, rewritten to the pod and the build", () => {
    const workload = workloadOf({ name: 'ui', image: `${registry}/millwright-ui:0.1.0`, volumeMounts: [{ name: 'ui-tmp', mountPath: '/tmp' }] }, [{ name: 'ui-tmp', emptyDir: {} }]);
    const process = containerProcess(workload, workload.containers[0]!, context);
    const written = Object.fromEntries(process.files.map((f) => [f.path.split('/').at(-1), f.bytes.toString()]));
    expect(written['nginx.conf']).toBe('root /ws/dist/apps/ui;\ninclude /lab/pods/edge/x/volumes/ui-tmp/ui-runtime/a.conf;\n');
    expect(written['write-runtime-config.sh']).toBe('dir="${UI_RUNTIME_DIR:-/lab/pods/edge/x/volumes/ui-tmp/ui-runtime}"\n');
    expect(process.argv.slice(-4)).toEqual(['-c', '/lab/pods/edge/x/image/nginx.conf', '-g', 'daemon off;']);
  });

  it('refuses an image it has no stand-in for, naming the workload and the image', () => {
    const workload = workloadOf({ name: 'red', image: 'docker.io/nodered/node-red:4.0' });
    expect(() => containerProcess(workload, workload.containers[0]!, context)).toThrow('Deployment millwright-ot/app container red: no stand-in for docker.io/nodered/node-red on this machine');
  });
});
