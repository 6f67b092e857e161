import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../../..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const section = readme.slice(readme.indexOf('## Pipelines'), readme.indexOf('## Secure by default'));
const blocks = (language: string) => [...section.matchAll(new RegExp('```' + language + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1]!);

describe('README "Pipelines"', () => {
  it('shows the drift-monitor spec as it is in its file', () => {
    const [spec] = blocks('ts');
    expect(readFileSync(join(root, 'libs/pipelines/src/specs/drift-monitor.ts'), 'utf8')).toContain(spec!);
  });

  it('shows the DAG that spec becomes, as npm run render writes it', () => {
    const [dag] = blocks('python');
    expect(readFileSync(join(root, 'dags/drift-monitor.py'), 'utf8')).toContain(dag!);
  });

  it('says how to add a pipeline', () => {
    expect(section).toContain('To add a pipeline:');
    expect(section).toContain('libs/pipelines/src/specs/index.ts');
  });
});
