import { ownImageRepository } from '../model/build-component.ts';
import { names } from '../model/names.ts';
import type { ComponentDefinition, ImagePin, Platform } from '../model/types.ts';
import { PlatformConfigError, type ConfigIssue } from './config-error.ts';
import { didYouMean } from './did-you-mean.ts';

/** Promoted images by app, as `platform.images.json` holds them. */
export type ImagePins = Readonly<Record<string, ImagePin>>;

/** An image reference as CI hands it over: `[<repository>:]<tag>@sha256:<64 hex>`. */
export interface ImageReferenceParts {
  /** Present when the reference names the repository it was pushed to. */
  readonly repository?: string;
  readonly tag: string;
  readonly digest: string;
}

/** What `docker/build-push-action` reports as `digest`: the image index of all platforms. */
const digestPattern = /^sha256:[a-f0-9]{64}$/;
/** The OCI distribution spec's tag grammar. */
const tagPattern = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const digestForm = 'sha256: followed by 64 lower-case hex digits (the digest docker/build-push-action reports)';

/** The platform's own apps: the images CI builds from `apps/` (declared `'own'` by their component), sorted. */
export function ownApps(catalogue: readonly ComponentDefinition[]): string[] {
  return catalogue.flatMap((c) => Object.entries(c.images).flatMap(([name, image]) => (image === 'own' ? [name] : []))).sort();
}

/** Why `app` cannot be pinned: unknown, or a third-party image pinned in its component file. */
function appIssue(app: string, catalogue: readonly ComponentDefinition[]): ConfigIssue | undefined {
  const own = ownApps(catalogue);
  if (own.includes(app)) return undefined;
  const thirdParty = catalogue.find((c) => c.name === app || app in c.images);
  if (thirdParty) {
    const image = thirdParty.images[app] ?? Object.values(thirdParty.images)[0];
    const pinned = image && image !== 'own' ? ` (${image.repository}:${image.tag})` : '';
    return {
      field: app,
      message: `is a third-party component: its image${pinned} is pinned in its component definition (libs/platform/src/components/), not promoted by CI. set-image pins the platform's own apps: ${own.join(', ')}.`,
    };
  }
  return { field: app, message: `is not one of the platform's own apps.${didYouMean(app, own)} Own apps: ${own.join(', ')}.` };
}

function tagIssue(field: string, tag: unknown): ConfigIssue | undefined {
  if (typeof tag === 'string' && tagPattern.test(tag) && tag !== 'latest') return undefined;
  const shown = typeof tag === 'string' ? `"${tag}"` : String(tag);
  return { field, message: `${shown} is not a pinned image tag: use letters, digits, '_', '.' and '-' (at most 128, not "latest"), e.g. the sha-<commit> tag CI pushed.` };
}

function digestIssue(field: string, digest: unknown): ConfigIssue | undefined {
  if (typeof digest === 'string' && digestPattern.test(digest)) return undefined;
  const shown = typeof digest === 'string' ? `"${digest}"` : String(digest);
  return { field, message: `${shown} is not an image digest: it must be ${digestForm}.` };
}

/**
 * Checks the contents of `platform.images.json` (`{ "<app>": { "tag": ..., "digest": ... } }`)
 * against the catalogue: every key one of the platform's own apps, every pin exactly a valid tag
 * and digest. Throws `PlatformConfigError` naming the file and each bad field.
 */
export function resolveImagePins(input: unknown, catalogue: readonly ComponentDefinition[], source: string = names.imagePinsFile): ImagePins {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw new PlatformConfigError(source, [{ field: '(file)', message: 'must be a JSON object of pins by app, e.g. { "inference-api": { "tag": "sha-1a2b3c4", "digest": "sha256:..." } }.' }]);
  }
  const issues: ConfigIssue[] = [];
  const pins: Record<string, ImagePin> = {};
  for (const [app, raw] of Object.entries(input as Record<string, unknown>)) {
    const problem = appIssue(app, catalogue);
    if (problem) {
      issues.push(problem);
      continue;
    }
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
      issues.push({ field: app, message: 'must be an object { "tag": ..., "digest": ... }.' });
      continue;
    }
    const pin = raw as Record<string, unknown>;
    const unknown = Object.keys(pin).filter((key) => key !== 'tag' && key !== 'digest');
    issues.push(...unknown.map((key) => ({ field: `${app}.${key}`, message: `unknown field.${didYouMean(key, ['tag', 'digest'])} A pin has only "tag" and "digest".` })));
    const bad = [tagIssue(`${app}.tag`, pin['tag']), digestIssue(`${app}.digest`, pin['digest'])].filter((issue) => issue !== undefined);
    issues.push(...bad);
    if (bad.length === 0) pins[app] = { tag: pin['tag'] as string, digest: pin['digest'] as string };
  }
  if (issues.length > 0) throw new PlatformConfigError(source, issues);
  return sortPins(pins);
}

/**
 * Splits `[<repository>:]<tag>@sha256:<hex>` (a tag may not contain ':' or '/', so the last ':'
 * before the '@' ends the repository, even one on a registry with a port).
 */
export function parseImageReference(reference: string, source = 'set-image'): ImageReferenceParts {
  const at = reference.indexOf('@');
  if (at < 0) {
    throw new PlatformConfigError(source, [
      { field: 'image', message: `"${reference}" has no digest: give <tag>@sha256:<64 hex> (or --tag and --digest), the tag and digest CI pushed.` },
    ]);
  }
  const name = reference.slice(0, at);
  const digest = reference.slice(at + 1);
  const colon = name.lastIndexOf(':');
  const slash = name.lastIndexOf('/');
  const hasRepository = slash >= 0;
  const repository = hasRepository && colon > slash ? name.slice(0, colon) : hasRepository ? name : undefined;
  const tag = hasRepository ? (colon > slash ? name.slice(colon + 1) : '') : name;
  const issues = [tagIssue('tag', tag), digestIssue('digest', digest)].filter((issue) => issue !== undefined);
  if (issues.length > 0) throw new PlatformConfigError(source, issues);
  return { ...(repository !== undefined && { repository }), tag, digest };
}

/**
 * The pins with `app` set to `image`, after checking that `app` is one of the platform's own apps,
 * that the tag and digest are well-formed, and, when the reference names a repository, that it is
 * the one the platform pulls the app from. Throws `PlatformConfigError` (source `set-image`).
 */
export function pinImage(platform: Platform, catalogue: readonly ComponentDefinition[], app: string, image: ImageReferenceParts, source = 'set-image'): ImagePins {
  const problem = appIssue(app, catalogue);
  const issues = [problem, tagIssue('tag', image.tag), digestIssue('digest', image.digest)].filter((issue) => issue !== undefined);
  if (!problem && image.repository !== undefined) {
    const expected = ownImageRepository(platform, app);
    if (image.repository !== expected) {
      issues.push({
        field: 'repository',
        message: `the image was pushed to ${image.repository}, but the platform pulls ${app} from ${expected} (images.registry in platform.config.ts); push there or change images.registry.`,
      });
    }
  }
  if (issues.length > 0) throw new PlatformConfigError(source, issues);
  return sortPins({ ...platform.imagePins, [app]: { tag: image.tag, digest: image.digest } });
}

function sortPins(pins: Readonly<Record<string, ImagePin>>): ImagePins {
  return Object.fromEntries(
    Object.keys(pins)
      .sort()
      .map((app) => [app, { tag: pins[app]!.tag, digest: pins[app]!.digest }]),
  );
}

/** `platform.images.json` as set-image writes it: apps sorted, two-space indent, trailing newline. */
export function formatImagePins(pins: ImagePins): string {
  return `${JSON.stringify(sortPins(pins), null, 2)}\n`;
}
