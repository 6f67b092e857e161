/**
 * Schedules both engines read the same way: the presets Airflow and Argo (robfig/cron) share, or
 * a standard five-field cron expression. Anything else (seconds fields, `?`, `L`, `W`, `#`,
 * Airflow timetables) is refused, so a schedule never means one thing in Airflow and another in
 * Argo Workflows.
 */
export const schedulePresets = ['@hourly', '@daily', '@weekly', '@monthly', '@yearly'] as const;

const fields = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'] },
  { name: 'day of week', min: 0, max: 7, names: ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'] },
] as const;

type Field = (typeof fields)[number];

function value(field: Field, text: string): number | undefined {
  if (/^\d+$/.test(text)) {
    const n = Number(text);
    return n >= field.min && n <= field.max ? n : undefined;
  }
  const names: readonly string[] = 'names' in field ? field.names : [];
  const index = names.indexOf(text.toUpperCase());
  if (index < 0) return undefined;
  return field.name === 'month' ? index + 1 : index;
}

function checkField(field: Field, text: string): string | undefined {
  for (const part of text.split(',')) {
    const [range = '', step, ...extra] = part.split('/');
    if (extra.length > 0 || (step !== undefined && !/^[1-9]\d*$/.test(step))) return `${field.name} "${text}": a step must be "/<positive number>"`;
    if (range === '*') continue;
    const [from = '', to, ...more] = range.split('-');
    const start = value(field, from);
    const end = to === undefined ? start : value(field, to);
    if (more.length > 0 || start === undefined || end === undefined) {
      return `${field.name} "${text}": use *, a number from ${field.min} to ${field.max}${'names' in field ? ' or a name' : ''}, a range a-b, a list a,b, or a step */n`;
    }
    if (end < start) return `${field.name} "${text}": the range ${range} runs backwards`;
  }
  return undefined;
}

/** Why `schedule` is not a schedule both engines read alike, or undefined when it is one. */
export function scheduleProblem(schedule: string): string | undefined {
  if (schedule.startsWith('@')) {
    return (schedulePresets as readonly string[]).includes(schedule) ? undefined : `schedule "${schedule}" is not a preset; use one of ${schedulePresets.join(', ')}`;
  }
  const parts = schedule.trim().split(/\s+/);
  if (parts.length !== 5) {
    return `schedule "${schedule}" is not a cron expression: it needs five fields (minute hour day-of-month month day-of-week), it has ${parts.length}`;
  }
  for (const [index, field] of fields.entries()) {
    const problem = checkField(field, parts[index]!);
    if (problem) return `schedule "${schedule}": ${problem}`;
  }
  return undefined;
}
