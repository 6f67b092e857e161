import { names, type KubeObject } from '@millwright/platform';

/** The Helm release a Fleet bundle deploys as, on every downstream cluster. */
export interface FleetRelease {
  readonly name: string;
  readonly namespace: string;
}

/** Helm's ownership annotations: a release adopts an existing object only when both name it. */
const helmReleaseName = 'meta.helm.sh/release-name';
const helmReleaseNamespace = 'meta.helm.sh/release-namespace';

/** Helm's limit on a release name, which Fleet keeps to (it shortens longer bundle names with a hash). */
const maxReleaseName = 53;

/**
 * The release of the bundle whose `fleet.yaml` is given: Fleet installs a bundle as a Helm release
 * named after the bundle (its `name`) in its `defaultNamespace` (fleet.yaml reference; Fleet's
 * helm deployer). A name Fleet would rewrite (uppercase, other characters, over 53 characters)
 * is refused rather than guessed.
 */
export function fleetRelease(bundleFile: string, fleetYaml: { readonly name?: unknown; readonly defaultNamespace?: unknown }): FleetRelease {
  const { name, defaultNamespace } = fleetYaml;
  if (typeof name !== 'string' || !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(name) || name.length > maxReleaseName) {
    throw new Error(`${bundleFile}: name ${JSON.stringify(name)} is not a Helm release name Fleet keeps as it is (lowercase letters, digits and '-', at most ${maxReleaseName} characters)`);
  }
  if (typeof defaultNamespace !== 'string' || defaultNamespace === '') throw new Error(`${bundleFile}: has no defaultNamespace, so the release's namespace is unknown`);
  return { name, namespace: defaultNamespace };
}

/**
 * A namespace Day 0 creates before Fleet's namespaces bundle is installed. Helm refuses to
 * install a release over an object it did not create unless the object carries the release's
 * ownership metadata (rancher/fleet#1177), so the namespace carries it and the bundle adopts it
 * on its first install. The one label that differs from the rendered namespace is
 * `app.kubernetes.io/managed-by`, which Helm requires to be `Helm`; the bundle's first sync sets
 * it back to what the platform renders.
 */
export function adoptableByFleet(namespace: KubeObject, release: FleetRelease): KubeObject {
  return {
    ...namespace,
    metadata: {
      ...namespace.metadata,
      labels: { ...namespace.metadata.labels, [names.labels.managedBy]: names.helmManagedBy },
      annotations: { ...namespace.metadata.annotations, [helmReleaseName]: release.name, [helmReleaseNamespace]: release.namespace },
    },
  };
}
