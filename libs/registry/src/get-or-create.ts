import { isRegistryError } from './registry-error.ts';

/**
 * Returns what `get` finds, else what `create` makes. When `create` loses a race (another process, or a
 * retried request that did reach the server, created it first: RESOURCE_ALREADY_EXISTS), `get` again.
 */
export async function getOrCreate<T>(get: () => Promise<T>, create: () => Promise<T>): Promise<T> {
  try {
    return await get();
  } catch (error) {
    if (!isRegistryError(error, 'RESOURCE_DOES_NOT_EXIST')) throw error;
  }
  try {
    return await create();
  } catch (error) {
    if (!isRegistryError(error, 'RESOURCE_ALREADY_EXISTS')) throw error;
    return get();
  }
}
