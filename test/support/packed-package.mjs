// The package as users get it: built, packed with `npm pack`, and installed from the tarball
// into a fresh project outside the repository, with no link back into it.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));

/**
 * A fresh temporary folder, named for what it holds.
 * @param {string} label
 */
export function freshFolder(label) {
  return mkdtempSync(join(tmpdir(), `price-ticker-${label}-`));
}

/**
 * Builds the package and packs it into a fresh folder; returns the tarball's path.
 * The build and the pack run under one lock, so a build started elsewhere on this machine
 * cannot change `dist/` between the two.
 */
export function packPackage({ build = true } = {}) {
  const destination = freshFolder('pack');
  const steps = `${build ? 'npm run build >&2 && ' : ''}npm pack --silent --pack-destination "${destination}" >&2`;
  execFileSync('flock', ['/tmp/pt-build.lock', 'sh', '-c', steps], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const tarball = readdirSync(destination).find((name) => name.endsWith('.tgz'));
  if (!tarball) throw new Error(`npm pack wrote no tarball into ${destination}`);
  return join(destination, tarball);
}

/**
 * A fresh consumer project with the tarball and the given registry packages installed
 * (exact versions; `--prefer-offline` reuses npm's cache from the repository's own install).
 * Returns the project's folder.
 * @param {string} label
 * @param {string} tarball
 * @param {Record<string, string>} [dependencies]
 * @param {Record<string, unknown>} [packageFields]
 */
export function makeConsumer(label, tarball, dependencies = {}, packageFields = {}) {
  const dir = freshFolder(label);
  const manifest = { name: `price-ticker-${label}-consumer`, private: true, type: 'module', ...packageFields };
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  const specs = [tarball, ...Object.entries(dependencies).map(([name, version]) => `${name}@${version}`)];
  execFileSync('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error', ...specs], {
    cwd: dir,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  return dir;
}

/**
 * The exact version the repository itself installed of a package, for consumers to match.
 * @param {string} name
 * @returns {string}
 */
export function installedVersion(name) {
  /** @type {unknown} */
  const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'node_modules', name, 'package.json'), 'utf8'));
  const version = /** @type {{ version?: unknown }} */ (manifest).version;
  if (typeof version !== 'string') throw new Error(`node_modules/${name}/package.json has no version`);
  return version;
}
