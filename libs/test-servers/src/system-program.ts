/**
 * The one way a test finds a system program it starts: only programs declared in
 * tools/system-prereqs.mjs (which `npm test` installs) can be resolved, so a test cannot come to
 * depend on something a fresh machine lacks without the declaration that installs it.
 */
// tools/ is plain Node outside every project on purpose: it runs before npm has installed anything.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { findCommand, requirements } from '../../../tools/system-prereqs.mjs';

/**
 * The absolute path of the declared program `command`. Throws when it is not declared (naming the
 * file to declare it in) or not installed (naming the package that provides it).
 */
export function systemProgram(command: string): string {
  const requirement = requirements.find((r) => r.command === command);
  if (requirement === undefined) {
    throw new Error(`${command} is not declared in tools/system-prereqs.mjs: add it (with its Debian package) so that npm test installs it on a fresh machine`);
  }
  const found = findCommand(command, requirement.globs);
  if (found !== null) return found;
  const install = requirement.apt === null ? requirement.manual : `sudo apt-get install -y ${requirement.apt} (npm test installs it on Debian)`;
  throw new Error(`${command} is not installed; it ${requirement.why}. Install it: ${install}`);
}
