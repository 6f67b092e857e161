// The cluster's Traefik as the lab runs it: routes from the rendered objects, and nginx in its place.
export { labIngressRoutes, type LabIngressRoutesOptions } from './lab-ingress-routes.ts';
export type { BasicAuthMiddleware, HeadersMiddleware, LabHttpRoute, LabMiddleware, LabRoute, LabTcpRoute } from './lab-route.ts';
export { ingressNginxConf, ingressNginxArguments, htpasswdFileContent, type IngressNginxOptions, type ListenAddress } from './ingress-nginx-conf.ts';
