import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { catalogue, names, ownApps, ownImageRepository } from '@millwright/platform';
import { loadPlatform } from '../load-platform.ts';
import type { CommandOptions } from './options.ts';

/** One image CI builds from `apps/<app>/Dockerfile`. */
export interface BuildableImage {
  readonly app: string;
  /** The repository the image is pushed to, the one the platform pulls it from. */
  readonly image: string;
  readonly dockerfile: string;
  /**
   * True for the platform's own deployed apps (a component pulls the image): promotion pins them
   * with set-image. False for images only pipelines run (the trainer) until a component uses them.
   */
  readonly promote: boolean;
}

/**
 * `images`: every app with a Dockerfile (`apps/<app>/Dockerfile`), as a JSON array on one line,
 * with the repository it is pushed to — `<images.registry>/millwright-<app>` from the platform
 * config, so CI pushes exactly where the overlays pull from — and whether promotion pins it. The
 * images workflow keeps the ones `nx affected` reports; an empty array means nothing to build.
 */
export async function runImages(options: CommandOptions): Promise<string> {
  const platform = await loadPlatform(options.config, { root: options.root });
  const appsDir = join(options.root, names.appsRoot);
  const apps = existsSync(appsDir) ? readdirSync(appsDir).sort() : [];
  const deployed = ownApps(catalogue);
  const images: BuildableImage[] = apps
    .map((app) => ({ app, dockerfile: `${names.appsRoot}/${app}/${names.dockerfile}` }))
    .filter(({ dockerfile }) => existsSync(join(options.root, dockerfile)))
    .map(({ app, dockerfile }) => ({ app, image: ownImageRepository(platform, app), dockerfile, promote: deployed.includes(app) }));
  return JSON.stringify(images);
}
