/**
 * Small, valid Kubernetes objects for the unit tests, each with only what the test varies: a pod
 * that sets enableServiceLinks and automountServiceAccountToken to false, as every rendered pod does.
 */
import type { KubeObject } from '@millwright/kube';

type Fields = Record<string, unknown>;

export const namespace = 'millwright-ot';

export function configMap(name: string, data: Record<string, string>, extra: Fields = {}): KubeObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace }, data, ...extra };
}

export function renderedSecret(name: string, stringData: Record<string, string>, extra: Fields = {}): KubeObject {
  return { apiVersion: 'v1', kind: 'Secret', metadata: { name, namespace }, stringData, ...extra };
}

/** A pod spec with the two settings the lab requires, then `spec` on top. */
export function podSpec(containers: readonly Fields[], spec: Fields = {}): Fields {
  return { enableServiceLinks: false, automountServiceAccountToken: false, containers, ...spec };
}

export function deployment(name: string, containers: readonly Fields[], options: { spec?: Fields; pod?: Fields; labels?: Record<string, string> } = {}): KubeObject {
  const labels = options.labels ?? { 'app.kubernetes.io/name': name };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace, labels: { ...labels, 'millwright.io/component': name } },
    spec: { selector: { matchLabels: labels }, template: { metadata: { labels }, spec: podSpec(containers, options.pod) }, ...options.spec },
  };
}

export function service(name: string, selector: Record<string, string>, ports: readonly Fields[], extra: Fields = {}): KubeObject {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace }, spec: { selector, ports, ...extra } };
}
