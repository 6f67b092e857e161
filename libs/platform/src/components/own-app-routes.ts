import { ingressBasicAuthSecret } from '../kube/ingress.ts';
import type { ComponentDefinition, IngressRoute } from '../model/types.ts';
import { ownAppPort } from './own-app.ts';

function ownAppRoute(host: string, service: string): IngressRoute {
  return { host, service, servicePort: ownAppPort.port, podPort: ownAppPort.port, auth: 'basic-auth' };
}

/**
 * The ingress routes of the platform's own apps. Neither app has a login, so both sit behind the
 * ingress's basic auth. The inference API answers at `api.<domain>` (the UI's `API_URL`) and at
 * `inference-api.<domain>` (where other clusters reach it, see `BuildContext.endpoint`).
 */
export const ownAppRoutes: Readonly<Record<string, readonly IngressRoute[]>> = {
  ui: [ownAppRoute('ui', 'ui')],
  'inference-api': [ownAppRoute('api', 'inference-api'), ownAppRoute('inference-api', 'inference-api')],
};

/** An own app with its ingress routes, and the basic-auth Secret they need, added. */
export function withOwnAppRoutes(app: ComponentDefinition): ComponentDefinition {
  const routes = ownAppRoutes[app.name];
  if (!routes) return app;
  return { ...app, ingress: routes, secrets: [...app.secrets, ingressBasicAuthSecret] };
}
