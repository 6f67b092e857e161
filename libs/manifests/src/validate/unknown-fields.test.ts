import { describe, expect, it } from 'vitest';
import { withFieldTracking } from '@millwright/manifests';

/** A validator that reads only the named keys of each object it is given, as compiled ajv code does. */
const reads =
  (...keys: string[]) =>
  (proxy: Record<string, unknown>) => {
    for (const key of keys) void proxy[key];
  };

describe('withFieldTracking', () => {
  it('returns nothing when the validator read every field', () => {
    expect(withFieldTracking({ kind: 'Pod', spec: {} }, reads('kind', 'spec'))).toEqual([]);
  });

  it('reports the fields the validator never read', () => {
    expect(withFieldTracking({ kind: 'Pod', kidn: 'Pod', extra: 1 }, reads('kind'))).toEqual(['kidn', 'extra']);
  });

  it('names a field in an array by its index', () => {
    const pod = { containers: [{ name: 'a' }, { name: 'b', imagePullPolicyy: 'Always' }] };
    const unknown = withFieldTracking(pod, (proxy) => {
      for (const container of proxy.containers) void container.name;
    });
    expect(unknown).toEqual(['containers[1].imagePullPolicyy']);
  });

  it('counts a field checked with `in` as read', () => {
    expect(withFieldTracking({ replicas: 1 }, (proxy) => void ('replicas' in proxy))).toEqual([]);
  });

  it('treats an object whose keys the validator enumerated as a map and looks inside its values', () => {
    const object = { labels: { app: 'x', 'example.com/tier': 'y' }, settings: { a: { known: 1, typo: 2 } } };
    const unknown = withFieldTracking(object, (proxy) => {
      Object.keys(proxy.labels);
      for (const key of Object.keys(proxy.settings)) void (proxy.settings as Record<string, { known: number }>)[key]!.known;
    });
    expect(unknown).toEqual(['settings.a.typo']);
  });

  it('does not judge an object the validator never looked into', () => {
    const object = { kind: 'Application', spec: { helm: { values: { anything: { goes: true } } } } };
    expect(withFieldTracking(object, reads('kind', 'spec'))).toEqual([]);
  });

  it('hands the validator the data unchanged', () => {
    const object = { kind: 'Pod', spec: { containers: [{ name: 'a' }] } };
    let seen: unknown;
    withFieldTracking(object, (proxy) => (seen = JSON.parse(JSON.stringify(proxy))));
    expect(seen).toEqual(object);
  });
});
