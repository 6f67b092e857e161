import { describe, expect, it } from 'vitest';
import { scheduleProblem } from './cron.ts';

describe('schedules', () => {
  it.each(['@hourly', '@daily', '@weekly', '@monthly', '@yearly', '0 * * * *', '*/15 6-18 * * MON-FRI', '30 2 1,15 * *', '0 0 * JAN,JUL 0', '5 4 * * 7'])(
    'accepts %s, which Airflow and Argo read alike',
    (schedule) => {
      expect(scheduleProblem(schedule)).toBeUndefined();
    },
  );

  it.each([
    ['@reboot', 'is not a preset'],
    ['* * * *', 'it needs five fields'],
    ['0 0 0 * * *', 'it needs five fields'],
    ['60 * * * *', 'minute "60"'],
    ['0 0 32 * *', 'day of month "32"'],
    ['0 0 * 13 *', 'month "13"'],
    ['*/0 * * * *', 'a step must be "/<positive number>"'],
    ['0 18-6 * * *', 'the range 18-6 runs backwards'],
    ['0 0 ? * *', 'day of month "?"'],
  ])('refuses %s (%s)', (schedule, problem) => {
    expect(scheduleProblem(schedule)).toContain(problem);
  });
});
