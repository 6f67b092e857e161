/** The log of what was done to the link, with timestamps, for the lab report. */
import type { Direction, ToxicSettings } from './toxic-settings.ts';

/** A change to the link, as the code that makes it describes it. */
export type LinkChange =
  | { readonly kind: 'toxics'; readonly direction: Direction; readonly toxics: ToxicSettings }
  | { readonly kind: 'profile'; readonly profile: string }
  | { readonly kind: 'link-down' }
  | { readonly kind: 'link-up' }
  | { readonly kind: 'connections-reset'; readonly connections: number };

/** A change with the wall-clock time it was made, in milliseconds since the epoch. */
export type LinkEvent = LinkChange & { readonly atMs: number };
