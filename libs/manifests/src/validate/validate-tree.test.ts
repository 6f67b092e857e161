import { describe, expect, it } from 'vitest';
import { catalogue, resolvePlatform } from '@millwright/platform';
import { allTopologies, sampleConfig, sampleConfigWithOptionals } from '@millwright/platform/testing';
import { kustomizationDirs, renderTree, validateRenderedTree, type OutputFile } from '@millwright/manifests';

const { files } = renderTree(resolvePlatform(sampleConfig('hybrid'), catalogue), catalogue);

/** The hybrid tree with one piece of text in one file replaced, as a hand edit would. */
function withEdit(path: string, from: string, to: string): OutputFile[] {
  return files.map((file) => {
    if (file.path !== path) return file;
    if (!file.content.includes(from)) throw new Error(`${path} does not contain ${from}`);
    return { path, content: file.content.replace(from, to) };
  });
}

describe('validateRenderedTree', () => {
  it.each(allTopologies)('finds no problem in the %s tree', (topology) => {
    expect(validateRenderedTree(renderTree(resolvePlatform(sampleConfig(topology), catalogue), catalogue).files)).toEqual([]);
  });

  it.each(allTopologies)('finds no problem in the %s tree with every optional component on', (topology) => {
    expect(validateRenderedTree(renderTree(resolvePlatform(sampleConfigWithOptionals(topology), catalogue), catalogue).files)).toEqual([]);
  });

  it("finds no problem in the hybrid tree with a ClusterIssuer, the TCP route's Certificate included", () => {
    const tree = renderTree(resolvePlatform({ ...sampleConfig('hybrid'), ingress: { clusterIssuer: 'letsencrypt-prod' } }, catalogue), catalogue).files;
    expect(tree.map((file) => file.path)).toContain('k8s/postgres/base/certificate-postgres-tls.yaml');
    expect(validateRenderedTree(tree)).toEqual([]);
  });

  it('reports a file that lacks the banner', () => {
    const path = 'k8s/ui/base/service-ui.yaml';
    const tree = files.map((f) => (f.path === path ? { path, content: f.content.slice(f.content.indexOf('\n') + 1) } : f));
    expect(validateRenderedTree(tree)).toEqual([{ file: path, message: 'missing the generated-file banner' }]);
  });

  it('reports an Application whose path holds no kustomization.yaml', () => {
    const path = 'bootstrap/children/applications/core/mlflow.yaml';
    const tree = withEdit(path, 'path: k8s/mlflow/overlays/core', 'path: k8s/mlflow/overlays/nowhere');
    expect(validateRenderedTree(tree)).toEqual([
      { file: path, message: 'Application mlflow-core: source path k8s/mlflow/overlays/nowhere has no kustomization.yaml' },
    ]);
  });

  it('reports a directory Application whose directory holds no files', () => {
    const tree = withEdit('bootstrap/root.yaml', 'path: bootstrap/children', 'path: bootstrap/nothing');
    expect(validateRenderedTree(tree)).toEqual([
      { file: 'bootstrap/root.yaml', message: 'Application millwright: source directory bootstrap/nothing holds no files' },
    ]);
  });

  it.each(['../../other', '/k8s/inference-api/overlays/edge-1'])('reports a fleet.yaml whose kustomize.dir %s leaves the bundle, which Fleet cannot read', (dir) => {
    const path = 'k8s/inference-api/fleet.yaml';
    const tree = withEdit(path, 'dir: overlays/edge-1', `dir: ${dir}`);
    expect(validateRenderedTree(tree)).toEqual([{ file: path, message: `target edge-1: kustomize.dir "${dir}" lies outside the bundle k8s/inference-api` }]);
  });

  it('reports a fleet.yaml whose kustomize.dir is the bundle root, which has no kustomization.yaml', () => {
    const path = 'k8s/inference-api/fleet.yaml';
    const tree = withEdit(path, 'dir: overlays/edge-1', 'dir: .');
    expect(validateRenderedTree(tree)).toEqual([
      { file: path, message: 'target edge-1: kustomize.dir "." is the bundle root, which has no kustomization.yaml' },
    ]);
  });

  it('reports a fleet.yaml whose kustomize.dir stays inside the bundle but holds no kustomization.yaml', () => {
    const path = 'k8s/mlflow/fleet.yaml';
    const tree = withEdit(path, 'dir: overlays/core', 'dir: overlays/elsewhere');
    expect(validateRenderedTree(tree)).toEqual([{ file: path, message: 'target core: kustomize.dir "overlays/elsewhere" has no kustomization.yaml' }]);
  });

  it('reports a fleet.yaml that breaks the Fleet schema', () => {
    const path = 'k8s/mlflow/fleet.yaml';
    const tree = withEdit(path, 'correctDrift:\n  enabled: true', 'correctDrift:\n  enable: true');
    expect(validateRenderedTree(tree)).toEqual([{ file: path, message: 'fleet.yaml schema: /correctDrift: unknown field "enable"' }]);
  });

  it('reports a GitRepo path that holds no fleet.yaml', () => {
    const tree = withEdit('fleet/gitrepo.yaml', '    - k8s/ui\n', '    - k8s/ui\n    - k8s/ghost\n');
    expect(validateRenderedTree(tree)).toEqual([{ file: 'fleet/gitrepo.yaml', message: 'GitRepo path k8s/ghost has no fleet.yaml' }]);
  });

  it('reports an object with an unknown field, naming its file', () => {
    const path = 'k8s/ui/base/deployment-ui.yaml';
    const tree = withEdit(path, 'imagePullPolicy: IfNotPresent', 'imagePullPolicyy: IfNotPresent');
    expect(validateRenderedTree(tree)).toEqual([
      { file: path, message: 'Deployment/millwright-it/ui: unknown field spec.template.spec.containers[0].imagePullPolicyy' },
    ]);
  });

  it('reports an Application whose chart is not pinned to an exact version', () => {
    const path = 'bootstrap/children/applications/core/kube-prometheus-stack.yaml';
    const tree = withEdit(path, 'targetRevision: 91.5.0', 'targetRevision: 91.*');
    expect(validateRenderedTree(tree)).toEqual([
      { file: path, message: 'Application kube-prometheus-stack-core: chart kube-prometheus-stack is not pinned to an exact version (got "91.*")' },
    ]);
  });

  it('reports an Application source path that holds no kustomization.yaml, in sources too', () => {
    const path = 'bootstrap/children/applications/core/loki.yaml';
    const tree = withEdit(path, 'path: k8s/loki/overlays/core', 'path: k8s/loki/overlays/nowhere');
    expect(validateRenderedTree(tree)).toEqual([{ file: path, message: 'Application loki-core: source path k8s/loki/overlays/nowhere has no kustomization.yaml' }]);
  });

  it('reports a chart bundle whose chart is not pinned to an exact version', () => {
    const path = 'k8s/loki/chart/fleet.yaml';
    const tree = withEdit(path, 'version: 18.11.3', 'version: ">=18"');
    expect(validateRenderedTree(tree)).toEqual([{ file: path, message: 'helm chart loki is not pinned to an exact version (got ">=18")' }]);
  });

  it('reports a bundle that no GitRepo path reaches, which Fleet would never deploy', () => {
    const tree = withEdit('fleet/gitrepo.yaml', '    - k8s/loki\n', '');
    expect(validateRenderedTree(tree)).toEqual([
      { file: 'k8s/loki/fleet.yaml', message: 'no GitRepo path reaches this bundle; Fleet would never deploy it' },
      { file: 'k8s/loki/chart/fleet.yaml', message: 'no GitRepo path reaches this bundle; Fleet would never deploy it' },
    ]);
  });

  it('reports a YAML syntax error as a problem instead of throwing', () => {
    const path = 'k8s/ui/base/service-ui.yaml';
    const tree = files.map((f) => (f.path === path ? { path, content: `${f.content}spec: [unclosed\n` } : f));
    const problems = validateRenderedTree(tree).filter((p) => p.file === path);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0]!.message).toMatch(/^YAML: /);
  });
});

describe('kustomizationDirs', () => {
  it('lists the directories that hold a kustomization.yaml', () => {
    const dirs = kustomizationDirs(files);
    expect(dirs.has('k8s/inference-api/base')).toBe(true);
    expect(dirs.has('k8s/inference-api/overlays/edge-1')).toBe(true);
    expect(dirs.has('k8s/inference-api')).toBe(false);
    expect(dirs.size).toBe(files.filter((f) => f.path.endsWith('/kustomization.yaml')).length);
  });
});
