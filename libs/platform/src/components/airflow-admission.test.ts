import { describe, expect, it } from 'vitest';
import { buildSample, componentNamed } from '../test-support/rendered-platform.ts';

type Values = Record<string, unknown>;

const values = componentNamed(buildSample('hybrid'), 'airflow').helmValues!['core']! as Values;
const section = (path: string): Values => path.split('.').reduce<Values>((at, key) => at[key] as Values, values);

/** Every chart workload whose containers the chart renders from these values. */
const workloads = ['scheduler', 'apiServer', 'dagProcessor', 'triggerer', 'migrateDatabaseJob', 'dags.gitSync'];

/** What the platform's admission policies require of a container (libs/policy). */
function expectAdmissible(context: Values): void {
  expect(context).toMatchObject({
    runAsNonRoot: true,
    allowPrivilegeEscalation: false,
    readOnlyRootFilesystem: true,
    capabilities: { drop: ['ALL'] },
    seccompProfile: { type: 'RuntimeDefault' },
  });
  expect(context['runAsUser']).toBeGreaterThan(0);
}

describe('the Airflow values against the admission policies', () => {
  it.each(workloads)('gives %s a restricted, read-only container context', (workload) => {
    expectAdmissible((section(workload)['securityContexts'] as Values)['container'] as Values);
  });

  it.each(workloads)('gives %s CPU and memory requests and limits', (workload) => {
    expect(section(workload)['resources']).toMatchObject({
      requests: { cpu: expect.any(String), memory: expect.any(String) },
      limits: { cpu: expect.any(String), memory: expect.any(String) },
    });
  });

  it.each(['scheduler', 'apiServer', 'dagProcessor', 'triggerer'])('hardens the wait-for-migrations init container of %s', (workload) => {
    expectAdmissible(((section(workload)['waitForMigrations'] as Values)['securityContexts'] as Values)['container'] as Values);
  });

  it.each(['scheduler', 'dagProcessor', 'triggerer'])('switches off the log groomer sidecar of %s (logs live in a size-limited emptyDir)', (workload) => {
    expect(section(workload)['logGroomerSidecar']).toEqual({ enabled: false });
    expect(section('logs')).toEqual({ persistence: { enabled: false }, emptyDirConfig: { sizeLimit: '1Gi' } });
  });

  it('runs every pod as the non-root Airflow user with a RuntimeDefault seccomp profile, and every other container restricted too', () => {
    const contexts = values['securityContexts'] as Values;
    expect(contexts['pod']).toMatchObject({ runAsNonRoot: true, runAsUser: 50000, seccompProfile: { type: 'RuntimeDefault' } });
    expectAdmissible(contexts['containers'] as Values);
  });

  it('mounts writable emptyDirs at /tmp and AIRFLOW_HOME for Airflow, and at /tmp for git-sync', () => {
    expect(values['volumeMounts']).toEqual([
      { name: 'airflow-tmp', mountPath: '/tmp' },
      { name: 'airflow-home', mountPath: '/opt/airflow' },
    ]);
    expect(section('dags.gitSync')['extraVolumeMounts']).toEqual([{ name: 'git-sync-tmp', mountPath: '/tmp' }]);
    const volumes = values['volumes'] as Array<{ name: string; emptyDir: { sizeLimit: string } }>;
    expect(volumes.map((volume) => volume.name)).toEqual(['airflow-tmp', 'airflow-home', 'git-sync-tmp']);
    for (const volume of volumes) expect(volume.emptyDir.sizeLimit).toMatch(/Mi$/);
  });

  it('renders none of the chart parts it could not harden: StatsD, Redis, PgBouncer, its PostgreSQL, the default-user job', () => {
    for (const part of ['statsd', 'redis', 'pgbouncer', 'postgresql', 'createUserJob']) expect(section(part)).toEqual({ enabled: false });
  });

  it('keeps the scheduler a Deployment without the 100Gi worker log volume', () => {
    expect(values['workers']).toEqual({ persistence: { enabled: false } });
  });

  it('runs the migration as an Argo CD Sync hook instead of a Helm post-install hook the Deployments would wait for forever', () => {
    expect(section('migrateDatabaseJob')).toMatchObject({
      useHelmHooks: false,
      jobAnnotations: { 'argocd.argoproj.io/hook': 'Sync', 'argocd.argoproj.io/hook-delete-policy': 'BeforeHookCreation' },
    });
  });
});
