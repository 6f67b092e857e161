import { describe, expect, it } from 'vitest';
import { rewriteEnvironment, rewritePaths } from './path-rewrites.ts';

const rewrites = [
  { from: '/tmp', to: '/lab/pod/tmp' },
  { from: '/mosquitto/config', to: '/lab/pod/config' },
  { from: '/mosquitto', to: '/lab/pod/mosquitto' },
];

describe('rewritePaths', () => {
  it('moves whole paths only, longest mount first, in one pass', () => {
    expect(rewritePaths('acl_file /mosquitto/config/acl', rewrites)).toBe('acl_file /lab/pod/config/acl');
    expect(rewritePaths('persistence_location /mosquitto/data/', rewrites)).toBe('persistence_location /lab/pod/mosquitto/data/');
    expect(rewritePaths('--dir /tmp --conf /tmp/valkey.conf', rewrites)).toBe('--dir /lab/pod/tmp --conf /lab/pod/tmp/valkey.conf');
    expect(rewritePaths('/tmpfs /usr/tmp x/tmp', rewrites)).toBe('/tmpfs /usr/tmp x/tmp');
    expect(rewritePaths('"/tmp/a"', rewrites)).toBe('"/lab/pod/tmp/a"');
    expect(rewritePaths('runtime_dir="${UI_RUNTIME_DIR:-/tmp/ui-runtime}"', rewrites)).toBe('runtime_dir="${UI_RUNTIME_DIR:-/lab/pod/tmp/ui-runtime}"');
    expect(rewritePaths('./tmp/a', rewrites)).toBe('./tmp/a');
  });

  it('rewrites environment values, not names', () => {
    expect(rewriteEnvironment({ MILLWRIGHT_HOME: '/tmp/millwright', TMP_NAME: 'tmp' }, rewrites)).toEqual({ MILLWRIGHT_HOME: '/lab/pod/tmp/millwright', TMP_NAME: 'tmp' });
  });
});
