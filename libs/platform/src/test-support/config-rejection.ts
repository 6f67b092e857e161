import { PlatformConfigError } from '../config/config-error.ts';
import { resolvePlatform } from '../config/resolve-platform.ts';
import { catalogue } from '../components/catalogue.ts';

/** The error `resolvePlatform` throws for `input`; fails the test when the config is accepted. */
export function configRejection(input: unknown): PlatformConfigError {
  try {
    resolvePlatform(input, catalogue);
  } catch (error) {
    if (error instanceof PlatformConfigError) return error;
    throw error;
  }
  throw new Error('expected the config to be rejected, but resolvePlatform accepted it');
}
