// The licences of the packages whose code a bundle inlines. Minifying drops their notices from
// dist/price-ticker.js, so the build writes them, in full, beside it (dist/THIRD-PARTY-LICENSES.txt).
// The packages are found from the bundle's own module list, not from a list kept by hand.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The file the build writes, in dist/. */
export const THIRD_PARTY_LICENCES_FILE = 'THIRD-PARTY-LICENSES.txt';

/**
 * A chunk as Vite's build returns it: each module's id, with how many bytes of it were kept.
 * @typedef {{ type: 'chunk', fileName: string, modules: Record<string, { renderedLength: number }> }} BuiltChunk
 * @typedef {{ name: string, version: string, license: string, text: string }} ThirdPartyPackage
 */

/**
 * The folder of the package a module file belongs to (the last `node_modules/name` or
 * `node_modules/@scope/name` in its path), or undefined for the project's own modules and virtual ones.
 * @param {string} id
 */
const packageFolderOf = (id) => /^(.*[\\/]node_modules[\\/](?:@[^\\/]+[\\/])?[^\\/]+)[\\/]/.exec(id)?.[1];

/**
 * The packages with code in `chunk` (a module only re-exported, with nothing of it kept, does not
 * count), sorted by name, each with its licence file's text.
 * @param {BuiltChunk} chunk
 * @returns {ThirdPartyPackage[]}
 */
export function bundledPackages(chunk) {
  const folders = new Set(
    Object.entries(chunk.modules)
      .filter(([, module]) => module.renderedLength > 0)
      .map(([id]) => packageFolderOf(id))
      .filter((folder) => folder !== undefined),
  );
  return [...folders]
    .map((folder) => {
      /** @type {unknown} */
      const parsed = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8'));
      const manifest = /** @type {{ name: string, version: string, license?: string }} */ (parsed);
      const licenceFile = readdirSync(folder).find((name) => /^licen[cs]e(\.md|\.txt)?$/i.test(name));
      if (!licenceFile) throw new Error(`${manifest.name}: no LICENSE file in ${folder}, yet its code is bundled`);
      return {
        name: manifest.name,
        version: manifest.version,
        license: manifest.license ?? 'see below',
        text: readFileSync(join(folder, licenceFile), 'utf8').trim(),
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * The text of THIRD-PARTY-LICENSES.txt: a heading for each package (name, version, licence
 * identifier), then its licence as the package ships it.
 * @param {string} bundleName the bundle's file name, as it sits beside this file
 * @param {ThirdPartyPackage[]} packages
 */
export function thirdPartyLicences(bundleName, packages) {
  const rule = '='.repeat(80);
  const sections = packages.map(
    ({ name, version, license, text }) => `${rule}\n${name} ${version} (${license})\n${rule}\n\n${text}\n`,
  );
  return (
    `${bundleName} is one minified file that includes code of the packages below. Each is under\n` +
    `its own licence, given here in full as the package ships it.\n\n${sections.join('\n')}`
  );
}
