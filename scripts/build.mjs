// `npm run build`:
//   dist/price-ticker.js   one minified, self-contained ES module (Lit and decimal.js inside)
//   dist/THIRD-PARTY-LICENSES.txt  the licences of the packages inlined in it, in full
//   dist/lib/**            the package entries (`price-ticker`, `/element`, `/format`) with .d.ts,
//                          and the slimmed decimal.js they import (dist/lib/vendor/decimal.js)
//   custom-elements.json   the Custom Elements Manifest of <price-ticker>
// and prints the bundle's size, failing when it passes the brotli budget (scripts/budget.mjs).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { minify } from 'terser';
import { build } from 'vite';
import { BUDGET_BROTLI_BYTES } from './budget.mjs';
import { slimDecimal, slimDecimalSource } from './slim-decimal.mjs';
import { bundledPackages, THIRD_PARTY_LICENCES_FILE, thirdPartyLicences } from './third-party-licences.mjs';

rmSync('dist', { recursive: true, force: true });

/**
 * Squeezes the CSS inside Lit's css`` templates (Vite minifies JS, not CSS held in strings).
 * @type {import('vite').Plugin}
 */
const minifyLitCss = {
  name: 'minify-lit-css',
  transform(code, id) {
    if (!id.endsWith('.styles.ts')) return null;
    // Only the tagged literal itself (`= css`...``), not a mention of the tag in a comment.
    return code.replace(
      /=\s*css`([^`]*)`/g,
      (_, /** @type {string} */ text) =>
        '= css`' +
        text
          .replace(/\/\*[^]*?\*\//g, '')
          .replace(/\s+/g, ' ')
          .replace(/\s*([{};,>])\s*/g, '$1')
          .replace(/:\s+/g, ':') // not before `:`: `a :is(b)` (descendant) is not `a:is(b)`
          .replace(/;}/g, '}')
          .trim() +
        '`',
    );
  },
};

const built = await build({
  configFile: false,
  logLevel: 'warn',
  publicDir: false,
  plugins: [slimDecimal(), minifyLitCss],
  build: {
    outDir: 'dist',
    emptyOutDir: false,
    target: 'es2022',
    minify: true,
    sourcemap: false,
    lib: { entry: 'src/index.ts', formats: ['es'], fileName: () => 'price-ticker.js' },
    // Vite keeps whitespace in ES library builds; this bundle is for browsers, so squeeze it.
    rolldownOptions: { output: { minify: true } },
  },
});

// Minifying drops the notices of Lit and decimal.js from the bundle; their licences go beside it.
const bundleChunk = [built]
  .flat()
  .flatMap((result) => ('output' in result ? result.output : []))
  .find((file) => file.type === 'chunk' && file.fileName === 'price-ticker.js');
if (bundleChunk?.type !== 'chunk') throw new Error('the Vite build returned no price-ticker.js chunk');
writeFileSync(
  join('dist', THIRD_PARTY_LICENCES_FILE),
  thirdPartyLicences('price-ticker.js', bundledPackages(bundleChunk)),
);

const tsc = spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
if (tsc.status !== 0) process.exit(tsc.status ?? 1);

// dist/lib imports the same slimmed decimal.js as the bundle (dist/lib/vendor/decimal.js, under
// decimal.js's licence), so an app that bundles `price-ticker/format` gets it too.
const decimalFile = createRequire(import.meta.url).resolve('decimal.js/decimal.mjs');
const licence = readFileSync(join(dirname(decimalFile), 'LICENCE.md'), 'utf8').trim();
mkdirSync('dist/lib/vendor', { recursive: true });
writeFileSync(
  'dist/lib/vendor/decimal.js',
  `/*\n${licence}\n*/\n${slimDecimalSource(readFileSync(decimalFile, 'utf8'), decimalFile)}`,
);
const decimalEntry = 'dist/lib/format/decimal.js';
const entryText = readFileSync(decimalEntry, 'utf8');
const pointed = entryText.replace("from 'decimal.js';", "from '../vendor/decimal.js';");
if (pointed === entryText) throw new Error(`${decimalEntry} no longer imports 'decimal.js'; update scripts/build.mjs`);
writeFileSync(decimalEntry, pointed);

// custom-elements.json, the Custom Elements Manifest for editors and docs tools
// (custom-elements-manifest.config.mjs); `npm run manifest` writes it alone.
const manifest = spawnSync('npx', ['cem', 'analyze', '--quiet'], { stdio: 'inherit' });
if (manifest.status !== 0) process.exit(manifest.status ?? 1);

// A second pass with terser over Rolldown's minified output finds about 2 % more (brotli) to
// drop: the `/* @__PURE__ */` notes (for other bundlers; this file is for browsers), function
// expressions that use no `this` written as arrows (none of ours is called with `new`), and
// statements left apart rather than joined by commas, which brotli compresses better.
const squeezed = await minify(readFileSync('dist/price-ticker.js', 'utf8'), {
  module: true,
  ecma: 2022,
  compress: { passes: 3, sequences: false, unsafe_arrows: true },
  format: { comments: false },
});
if (squeezed.code === undefined) throw new Error('terser returned no code');
// Chromium's compile hint: V8 compiles every function when the script loads (and keeps them all
// in its code cache for the next visit) instead of each on its first call. Most of them run in
// the first render anyway (the feed, the formatters, the coins), which then starts with its code
// ready; see the README's bundle size for what it measured. Other engines read a comment.
const COMPILE_HINT = '//# allFunctionsCalledOnLoad';
writeFileSync('dist/price-ticker.js', `${COMPILE_HINT}\n${squeezed.code}`);
const bundle = readFileSync('dist/price-ticker.js');
const brotli = brotliCompressSync(bundle, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
const gzip = gzipSync(bundle, { level: 9 }).length;
const kb = (/** @type {number} */ n) => `${(n / 1024).toFixed(1)} KB`;
console.log(
  `dist/price-ticker.js: ${kb(bundle.length)} raw, ${kb(gzip)} gzip, ${kb(brotli)} brotli = ${brotli} bytes (budget ${BUDGET_BROTLI_BYTES} bytes)`,
);
if (brotli > BUDGET_BROTLI_BYTES) {
  console.error('Over the size budget.');
  process.exit(1);
}
