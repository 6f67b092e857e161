import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogue } from '@millwright/platform';
import { runCli } from './test-support/run-cli.ts';

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

  it('shows a config error as npm run render prints it: every problem at once', async () => {
    const configure = readme.slice(readme.indexOf('## Configure'), readme.indexOf('| field | meaning | default |'));
    const shown = /```\n([\s\S]*?)\n```/.exec(configure)![1]!.split('\n');
    const root = mkdtempSync(join(tmpdir(), 'millwright-readme-'));
    try {
      const config = join(root, 'platform.config.mjs');
      const clusters = [
        { name: 'edge-line-1', role: 'edge', argocd: { name: 'edge-line-1' } },
        { name: 'core', role: 'cloud', argocd: { name: 'core' } },
      ];
      writeFileSync(config, `export default ${JSON.stringify({ domain: 'factory.example.com', git: { repoURL: 'https://github.com/example/millwright.git' }, topology: 'hybird', clusters })};\n`);
      const result = await runCli(['render', '--root', root, '--config', config]);
      expect(result.code).toBe(1);
      expect(shown[0]).toBe('platform.config.ts: 2 problems');
      expect(result.stderr.split('\n')).toEqual([`${config}: 2 problems`, ...shown.slice(1), 'Nothing was written.']);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('documents every Secret a component references', () => {
    for (const secret of catalogue.flatMap((c) => c.secrets)) {
      expect(readme).toContain(`\`${secret.name}\``);
    }
  });
});
