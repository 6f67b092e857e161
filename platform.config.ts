// The one file to edit. Change it, run `npm run render`, commit, push to main: Argo CD or Fleet
// syncs the clusters. Every field is checked when the config loads; see README "Configure".
import { definePlatform } from '@millwright/platform';

export default definePlatform({
  name: 'millwright',
  domain: 'factory.example.com',
  git: { repoURL: 'https://github.com/millwright-platform/millwright.git', revision: 'main' },
  images: { registry: 'ghcr.io/millwright-platform', tag: '0.1.0' },
  // edge-only | hybrid | cloud-only: which role runs which component.
  topology: 'hybrid',
  clusters: [
    { name: 'edge-line-1', role: 'edge', arch: 'arm64', labels: { site: 'plant-a' }, argocd: { name: 'edge-line-1' } },
    { name: 'core', role: 'cloud', arch: 'amd64', argocd: { server: 'https://kubernetes.default.svc' } },
  ],
  components: {
    postgres: { storage: '20Gi' },
  },
});
