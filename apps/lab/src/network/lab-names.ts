/**
 * The names of the kernel objects a lab makes. Every one starts with `<prefix>-`, so that
 * {@link cleanLeftovers} can find what a crashed run left behind by name and touch nothing else.
 * Pure.
 */

/** The prefix a lab uses unless told otherwise. */
export const defaultLabPrefix = 'mwl';

/** Linux interface names hold at most 15 bytes (IFNAMSIZ 16 with the terminating NUL). */
export const maxInterfaceNameBytes = 15;

/**
 * At most 8 characters, so that `<prefix>-h<pod number>` fits an interface name for 9999 pods;
 * lowercase letters and digits only, so the prefix can never be empty or match another lab's
 * names (`mwl` owns `mwl-…`, never `mwlx-…`).
 */
const labPrefixPattern = /^[a-z][a-z0-9]{0,7}$/;

/** The highest pod number whose veth name still fits {@link maxInterfaceNameBytes} for every valid prefix. */
export const maxPodsPerLab = 9999;

/** What is wrong with `prefix` as a lab prefix, or undefined when it is usable. */
export function labPrefixProblem(prefix: string): string | undefined {
  if (labPrefixPattern.test(prefix)) return undefined;
  return `lab prefix "${prefix}" must be 1 to 8 lowercase letters or digits starting with a letter (e.g. "${defaultLabPrefix}"), so that every interface name fits 15 bytes and cleanup matches this lab's objects only`;
}

/** Whether a namespace, link or /etc/netns folder called `name` belongs to the lab with this prefix. */
export function belongsToLab(name: string, prefix: string): boolean {
  return name.startsWith(`${prefix}-`);
}

/** The network namespace of a pod, e.g. `mwl-edge-inference-api`. */
export function podNamespaceName(prefix: string, site: string, pod: string): string {
  return `${prefix}-${site}-${pod}`;
}

/** The bridge of the `siteIndex`-th site in the root namespace; site names are too long to fit beside the prefix. */
export function siteBridgeName(prefix: string, siteIndex: number): string {
  return `${prefix}-br${siteIndex}`;
}

/** The root-namespace end of the pod's veth pair, attached to its site's bridge. */
export function hostVethName(prefix: string, podNumber: number): string {
  return `${prefix}-h${podNumber}`;
}

/**
 * The pod's end of the veth pair, as processes in the pod see it (as in a Kubernetes pod). It is
 * created inside the pod's namespace, so it needs no prefix: deleting the namespace removes it.
 */
export const podInterfaceName = 'eth0';
