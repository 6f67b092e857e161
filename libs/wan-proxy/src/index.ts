export { startWanProxy, type WanProxy } from './wan-proxy.ts';
export { defaultMaxHeldBytes, type WanProxyOptions } from './wan-proxy-options.ts';
export type { HostPort, WanRoute } from './wan-route.ts';
export { directions, noToxics, type Direction, type RandomStalls, type ToxicPatch, type ToxicSettings } from './toxic-settings.ts';
export { wanProfile, wanProfiles, type ProfileToxics, type WanProfile, type WanProfileName } from './profiles.ts';
export { parseLinkFlags, type ParsedLinkFlags } from './parse-link-flags.ts';
export { parseDurationMs, parseRateKbit } from './parse-units.ts';
export type { DirectionCounters, RouteCounters } from './route-counters.ts';
export type { LinkEvent } from './link-events.ts';
