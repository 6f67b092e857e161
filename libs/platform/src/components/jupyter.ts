import { PersistentVolumeClaim } from 'kubernetes-models/v1';
import { deployment, env, httpProbe, secretEnv, service } from '../kube/workload.ts';
import { resources } from '../kube/resources.ts';
import { ingressBasicAuthSecret } from '../kube/ingress.ts';
import { names } from '../model/names.ts';
import { cloudFirst } from '../model/placement.ts';
import type { BuildContext, ComponentDefinition } from '../model/types.ts';
import type { KubeObject } from '../kube/kube-object.ts';
import { httpUrl } from './own-app.ts';

// Jupyter Docker Stacks' minimal image on quay.io (Docker Hub's copies are no longer updated),
// pinned to a dated build; multi-arch, runs as jovyan (uid 1000, gid 100).
const image = { repository: 'quay.io/jupyter/minimal-notebook', tag: '2025-11-24' };
const jovyan = { uid: 1000, gid: 100 } as const;
const httpPort = { name: 'http', port: 8888 } as const;

/** The Secret holding Jupyter's own login token (never rendered). */
export const jupyterSecret = 'jupyter-credentials';

/** The home directory, on the volume: notebooks, `~/.local`, `~/.jupyter` survive a restart. */
const home = '/home/jovyan';
const volume = 'home';

/** The notebooks' volume when the config names no size. @default '10Gi' */
export const jupyterDefaultStorage = '10Gi';

function homeClaim(context: BuildContext): KubeObject {
  return new PersistentVolumeClaim({
    metadata: {
      name: 'jupyter-home',
      namespace: context.namespace,
      labels: { [names.labels.partOf]: context.platform.name, [names.labels.managedBy]: names.managedBy, [names.labels.millwrightComponent]: context.component },
    },
    spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: context.settings.storage ?? jupyterDefaultStorage } } },
  }).toJSON() as unknown as KubeObject;
}

/** One pod on a ReadWriteOnce volume: the old pod must let go of it before the new one starts. */
function recreated(object: KubeObject): KubeObject {
  return { ...object, spec: { ...(object['spec'] as object), strategy: { type: 'Recreate' } } };
}

/**
 * Jupyter Lab, the data scientists' IDE (the seed's): one pod with its home on a volume, a
 * read-only root and writable `/tmp`, behind the ingress basic auth and its own token login
 * (`jupyter-credentials`, key `token`). It reaches MLflow (tracking, and artifacts through
 * MLflow's proxy) and MinIO's S3 API for datasets, nothing else. Off by default.
 */
export const jupyter: ComponentDefinition = {
  name: 'jupyter',
  description: 'Jupyter Lab (data-science IDE) with a persistent home, behind the ingress basic auth; off by default',
  plane: 'it',
  wave: 'apps',
  placement: cloudFirst,
  optional: true,
  settings: ['storage'],
  dependsOn: ['namespaces', 'mlflow'],
  images: { jupyter: image },
  imageSource: "Jupyter Docker Stacks' minimal-notebook on quay.io (Docker Hub's is no longer updated), a dated multi-arch build",
  ports: [httpPort],
  flows: [
    { to: 'mlflow', port: 'http' },
    { to: 'minio', port: 's3' },
  ],
  secrets: [
    { name: jupyterSecret, keys: ['token'], description: "Jupyter Lab's own login token, asked for behind the ingress basic auth" },
    ingressBasicAuthSecret,
  ],
  ingress: [{ host: 'jupyter', service: 'jupyter', servicePort: httpPort.port, podPort: httpPort.port, auth: 'basic-auth' }],
  build: (context) => [
    homeClaim(context),
    service(context, { name: 'jupyter', workload: 'jupyter', ports: [httpPort] }),
    recreated(
      deployment(context, {
        name: 'jupyter',
        replicas: 1,
        pod: {
          runAsUser: jovyan.uid,
          runAsGroup: jovyan.gid,
          fsGroup: jovyan.gid,
          volumes: [{ name: volume, persistentVolumeClaim: { claimName: 'jupyter-home' } }],
          containers: [
            {
              name: 'jupyter',
              image,
              // `jupyter lab` itself, not the image's start script, which edits files under the root.
              command: ['jupyter', 'lab'],
              args: [`--ServerApp.ip=0.0.0.0`, `--ServerApp.port=${httpPort.port}`, `--ServerApp.root_dir=${home}`, '--no-browser'],
              env: [
                env('HOME', home),
                secretEnv('JUPYTER_TOKEN', jupyterSecret, 'token'),
                env('JUPYTER_RUNTIME_DIR', '/tmp/jupyter-runtime'),
                env('XDG_CACHE_HOME', '/tmp/cache'),
                env('MLFLOW_TRACKING_URI', httpUrl(context, 'mlflow', 'http')),
              ],
              ports: [httpPort],
              // `/api` answers the server version without a token.
              liveness: httpProbe('/api', httpPort.name, { initialDelaySeconds: 20 }),
              readiness: httpProbe('/api', httpPort.name),
              resources: resources('250m', '512Mi', '2', '2Gi'),
              writableDirs: { '/tmp': '1Gi' },
              volumeMounts: [{ name: volume, mountPath: home }],
            },
          ],
        },
      }),
    ),
  ],
};
