/**
 * Argo CD stopped assessing the health of Application resources in v1.8, so an app of apps
 * would not wait for one wave of child Applications to be healthy before the next. This Lua
 * check, set in `argocd-cm`, restores it (Argo CD docs, "Sync Waves and Phases" / v1.7 to 1.8
 * upgrade notes): a child Application is as healthy as its own resources.
 */
export const applicationHealthLua = [
  'local health = { status = "Progressing", message = "" }',
  'if obj.status ~= nil and obj.status.health ~= nil then',
  '  health.status = obj.status.health.status',
  '  if obj.status.health.message ~= nil then',
  '    health.message = obj.status.health.message',
  '  end',
  'end',
  'return health',
  '',
].join('\n');

/** The argocd-cm key that holds a health check for the `argoproj.io/Application` kind. */
export const applicationHealthKey = 'resource.customizations.health.argoproj.io_Application';
