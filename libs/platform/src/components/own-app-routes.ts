import { ingressBasicAuthSecret } from '../kube/ingress.ts';
import type { BuildContext, ComponentDefinition, IngressRoute } from '../model/types.ts';
import { ownAppPort } from './own-app.ts';

/** The path under the UI's host where the inference API answers the browser: `https://ui.<domain>/api`. */
export const uiApiPathPrefix = '/api';

/**
 * True when the UI and the inference API run on the same clusters (edge-only, cloud-only), so
 * one Traefik serves `ui.<domain>` and can send its `/api` to the API. In hybrid the UI runs in
 * the cloud and the API on the edge: the UI's own nginx proxies `/api` to the edge's ingress.
 */
export function uiAndApiShareOrigin(context: BuildContext): boolean {
  const other = context.component === 'ui' ? 'inference-api' : 'ui';
  return context.isDeployed('ui') && context.isDeployed('inference-api') && !context.endpoint(other, ownAppPort.name).remote;
}

function ownAppRoute(host: string, service: string, extra: Partial<IngressRoute> = {}): IngressRoute {
  return { host, service, servicePort: ownAppPort.port, podPort: ownAppPort.port, auth: 'basic-auth', ...extra };
}

/**
 * The ingress routes of the platform's own apps. Neither app has a login, so all sit behind the
 * ingress's basic auth (one realm, the platform's name). The browser reaches the inference API at
 * `ui.<domain>/api` — the UI's own origin, so no CORS preflight, which a browser sends without
 * credentials and basic auth would refuse. Machine clients (k6, the edge gateway, scripts) use
 * `api.<domain>`; other clusters reach it at `inference-api.<domain>` (see `BuildContext.endpoint`).
 */
export const ownAppRoutes: Readonly<Record<string, readonly IngressRoute[]>> = {
  ui: [ownAppRoute('ui', 'ui')],
  'inference-api': [
    ownAppRoute('api', 'inference-api'),
    ownAppRoute('inference-api', 'inference-api'),
    ownAppRoute('ui', 'inference-api', { pathPrefix: uiApiPathPrefix, when: uiAndApiShareOrigin }),
  ],
};

/** An own app with its ingress routes, and the basic-auth Secret they need, added. */
export function withOwnAppRoutes(app: ComponentDefinition): ComponentDefinition {
  const routes = ownAppRoutes[app.name];
  if (!routes) return app;
  return { ...app, ingress: routes, secrets: [...app.secrets, ingressBasicAuthSecret] };
}
