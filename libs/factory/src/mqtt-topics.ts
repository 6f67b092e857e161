/**
 * The MQTT topics of the shop floor: `factory/<site>/<line>/<machine>/telemetry` for readings and
 * `factory/<site>/<line>/<machine>/alerts` for alerts. Every topic string is built here.
 */

/** The first level of every Millwright topic. */
export const topicRoot = 'factory';

/** The last level of a machine's telemetry topic. */
export const telemetryLevel = 'telemetry';

/** The last level of a machine's alert topic. */
export const alertLevel = 'alerts';

/**
 * What a site, line or machine id may look like: letters, digits, `_`, `.`, `-`, up to 64, not
 * starting with a symbol. It keeps MQTT's separators and wildcards (`/`, `+`, `#`) and `$`
 * (reserved for broker topics) out of topic levels.
 */
export const topicSegmentPattern = '^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$';

const segment = new RegExp(topicSegmentPattern, 'u');

/** Where a machine sits: the three levels between `factory/` and the message kind. */
export interface MachineAddress {
  readonly site: string;
  readonly line: string;
  readonly machine: string;
}

function machineTopic(site: string, line: string, machine: string, level: string): string {
  for (const [name, value] of [['site', site], ['line', line], ['machine', machine]] as const) {
    if (!segment.test(value)) {
      throw new RangeError(`${name} ${JSON.stringify(value)} cannot be an MQTT topic level: use letters, digits, "_", "." or "-" (at most 64, starting with a letter or digit)`);
    }
  }
  return `${topicRoot}/${site}/${line}/${machine}/${level}`;
}

/**
 * `factory/<site>/<line>/<machine>/telemetry`.
 * @throws RangeError when a level contains `/`, `+`, `#` or other characters outside `topicSegmentPattern`.
 */
export function telemetryTopic(site: string, line: string, machine: string): string {
  return machineTopic(site, line, machine, telemetryLevel);
}

/**
 * `factory/<site>/<line>/<machine>/alerts`.
 * @throws RangeError when a level contains `/`, `+`, `#` or other characters outside `topicSegmentPattern`.
 */
export function alertTopic(site: string, line: string, machine: string): string {
  return machineTopic(site, line, machine, alertLevel);
}

/** The filter a gateway subscribes to for the telemetry of every machine: `factory/+/+/+/telemetry`. */
export const telemetryTopicFilter = `${topicRoot}/+/+/+/${telemetryLevel}`;

/** The site, line and machine of a telemetry topic, or undefined for any other topic. */
export function parseTelemetryTopic(topic: string): MachineAddress | undefined {
  const levels = topic.split('/');
  if (levels.length !== 5 || levels[0] !== topicRoot || levels[4] !== telemetryLevel) return undefined;
  const [, site, line, machine] = levels as [string, string, string, string, string];
  return [site, line, machine].every((level) => segment.test(level)) ? { site, line, machine } : undefined;
}
