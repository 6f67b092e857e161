import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogue } from '@millwright/platform';

const readme = readFileSync(join(import.meta.dirname, '../../../README.md'), 'utf8');
const componentTable = readme.slice(readme.indexOf('## Components'), readme.indexOf('## Secure by default'));

describe('README', () => {
  it('keeps the quick start to the two commands', () => {
    const quickStart = readme.slice(readme.indexOf('## Quick start'), readme.indexOf('## Configure'));
    const commands = quickStart.match(/^npm \S+/gm);
    expect(commands).toEqual(['npm start', 'npm test']);
  });

  it.each(catalogue.map((c) => [c.name, c] as const))('lists component %s with its pinned images', (name, component) => {
    expect(componentTable).toContain(name);
    for (const image of Object.values(component.images)) {
      if (image === 'own') continue;
      expect(componentTable).toContain(image.repository);
      expect(componentTable).toContain(image.tag);
    }
  });

  it.each(catalogue.filter((c) => c.helm).map((c) => [c.name, c.helm!] as const))('lists component %s with its chart, repository and pinned version', (_name, helm) => {
    expect(componentTable).toContain(`chart \`${helm.chart}\` from \`${helm.repoURL}\``);
    expect(componentTable).toContain(`\`${helm.version}\``);
  });

  it('documents every Secret a component references', () => {
    for (const secret of catalogue.flatMap((c) => c.secrets)) {
      expect(readme).toContain(`\`${secret.name}\``);
    }
  });
});
