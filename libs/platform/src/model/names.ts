// The names table lives in @millwright/kube, below both the platform model and the policies
// (which read the same label and annotation keys), so neither imports the other in a cycle.
// Platform modules keep importing it from here.
export { baseDir, bundleDir, names, overlayDir } from '@millwright/kube';

