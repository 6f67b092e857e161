// The repository documents itself: comments and docs point at docs/ in this repository, never at
// documents that live outside it, and every such pointer resolves. A reference is `docs/<file>.md`,
// optionally followed by `#<anchor>` or by a quoted section title (`docs/toolchain.md, "MQTT
// sessions"`), which must begin a heading of that file. Relative links in README.md and docs/*.md
// must resolve too, anchors included.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../../..');

/** The files of the checkout: tracked, plus new ones not ignored (so a reference fails before its commit). */
const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], { cwd: root, encoding: 'utf8' })
  .split('\0')
  .filter((path) => path !== '' && existsSync(join(root, path)));

function text(path: string): string | undefined {
  const bytes = readFileSync(join(root, path));
  return bytes.includes(0) ? undefined : bytes.toString('utf8');
}

/** Documents that lived outside the repository; spelled in parts so this file does not name them. */
const outsideDocuments = ['ARCHITECTURE', 'STYLE', 'TOOLCHAIN'].map((name) => `${name}.md`);

/** The headings of a Markdown file, outside code blocks. */
function headings(markdown: string): string[] {
  return [...markdown.replace(/^```[\s\S]*?^```/gm, '').matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)].map(([, heading]) => heading!);
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces become hyphens. */
function anchor(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

/** Every anchor a Markdown file offers, with GitHub's `-1`, `-2` suffixes for repeated headings. */
function anchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const result = new Set<string>();
  for (const heading of headings(markdown)) {
    const slug = anchor(heading);
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    result.add(count === 0 ? slug : `${slug}-${count}`);
  }
  return result;
}

const docsFiles = readdirSync(join(root, 'docs'))
  .filter((name) => name.endsWith('.md'))
  .map((name) => `docs/${name}`);

describe('the project documentation', () => {
  it('has its own architecture, decisions, toolchain and style pages', () => {
    expect(docsFiles).toEqual(expect.arrayContaining(['docs/architecture.md', 'docs/decisions.md', 'docs/toolchain.md', 'docs/style.md']));
  });

  it('is what comments point at: no file refers to a document outside the repository', () => {
    const offenders = files.flatMap((path) => {
      const content = text(path);
      return content === undefined ? [] : outsideDocuments.filter((name) => content.includes(name)).map((name) => `${path}: ${name}`);
    });
    expect(offenders).toEqual([]);
  });

  it('resolves every docs/ reference in the repository, to the file and to the section it names', () => {
    const broken: string[] = [];
    for (const path of files) {
      const content = text(path);
      if (content === undefined) continue;
      for (const match of content.matchAll(/(?<![\w/.-])docs\/([\w.-]+\.md)(#[\w-]+)?(?:\s*[,(]\s*"([^"\n]+)")?/g)) {
        const [reference, file, hash, section] = match;
        const target = join(root, 'docs', file!);
        if (!existsSync(target)) {
          broken.push(`${path}: ${reference} (no such file)`);
          continue;
        }
        const markdown = readFileSync(target, 'utf8');
        if (hash && !anchors(markdown).has(hash.slice(1))) broken.push(`${path}: ${reference} (no heading with that anchor)`);
        if (section && !headings(markdown).some((heading) => heading.startsWith(section))) broken.push(`${path}: ${reference} (no heading starts with "${section}")`);
      }
    }
    expect(broken).toEqual([]);
  });

  it.each(['README.md', ...docsFiles])('%s has no broken relative link', (path) => {
    const markdown = readFileSync(join(root, path), 'utf8').replace(/^```[\s\S]*?^```/gm, '');
    const broken: string[] = [];
    for (const [, target] of markdown.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) {
      if (/^[a-z][a-z\d+.-]*:/i.test(target!)) continue;
      const [file, hash] = target!.split('#') as [string, string | undefined];
      const resolved = file === '' ? join(root, path) : join(root, dirname(path), file);
      if (!existsSync(resolved)) {
        broken.push(`${target} (no ${relative(root, resolved)})`);
        continue;
      }
      if (hash !== undefined && resolved.endsWith('.md') && !anchors(readFileSync(resolved, 'utf8')).has(hash)) broken.push(`${target} (no such heading)`);
    }
    expect(broken).toEqual([]);
  });
});
