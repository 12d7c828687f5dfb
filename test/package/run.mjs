// `npm run test:package`: the package as users get it. Builds and packs it, installs the
// tarball into fresh projects outside the repository, then imports its entries in Node, type-checks
// strict consumers (plain TypeScript, React 19, Preact, Vue 3, Svelte 5, Angular) whose deliberate
// mistakes must stay errors, and bundles a format-only app with Vite. One line per step; exits
// non-zero when any step fails.
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  lstatSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { installedVersion, makeConsumer, packPackage, REPO_ROOT } from '../support/packed-package.mjs';

const CONSUMERS = fileURLToPath(new URL('consumers/', import.meta.url));
/** No installed file may live in, or link into, the repository's machine folder. */
const FORBIDDEN_ROOT = dirname(REPO_ROOT);

/** @type {{ name: string, ok: boolean }[]} */
const outcomes = [];

/**
 * Runs one named step; a thrown error fails it with its message. Returns the step's value.
 * @template T
 * @param {string} name
 * @param {() => { note?: string, value?: T } | undefined | Promise<{ note?: string, value?: T } | undefined>} body
 * @returns {Promise<T | undefined>}
 */
async function step(name, body) {
  const started = Date.now();
  try {
    const { note, value } = (await body()) ?? {};
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(`PASS  ${name} (${seconds} s)${note ? `\n      ${note.replaceAll('\n', '\n      ')}` : ''}`);
    outcomes.push({ name, ok: true });
    return value;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    console.log(`FAIL  ${name}\n      ${message.trim().replaceAll('\n', '\n      ')}`);
    outcomes.push({ name, ok: false });
    return undefined;
  }
}

/**
 * Runs a command in a folder; returns its output, or throws with it when the command fails.
 * @param {string} command
 * @param {string[]} args
 * @param {string} cwd
 * @param {Record<string, string>} [env]
 * @returns {string}
 */
function run(command, args, cwd, env = {}) {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, ...env } });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${result.status}:\n${output}`);
  return output;
}

/**
 * Same as `run`, for a tool expected to report errors: returns its output and exit code.
 * @param {string} command
 * @param {string[]} args
 * @param {string} cwd
 */
function runExpectingErrors(command, args, cwd) {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8' });
  return { output: `${result.stdout ?? ''}${result.stderr ?? ''}`, status: result.status };
}

/**
 * Every file below `folder`, as paths relative to it.
 * @param {string} folder
 * @param {string} [prefix]
 * @returns {string[]}
 */
function filesBelow(folder, prefix = '') {
  return readdirSync(join(folder, prefix), { withFileTypes: true }).flatMap((entry) => {
    const path = join(prefix, entry.name);
    return entry.isDirectory() ? filesBelow(folder, path) : [path];
  });
}

/**
 * The installed package is a real folder (not a link back into the repository), and no link
 * anywhere in node_modules leads outside the consumer's own folder.
 * @param {string} consumer
 */
function assertInstalledFromTarball(consumer) {
  const installed = join(consumer, 'node_modules', 'price-ticker');
  if (lstatSync(installed).isSymbolicLink()) throw new Error(`${installed} is a symbolic link`);
  if (realpathSync(installed).startsWith(FORBIDDEN_ROOT))
    throw new Error(`${installed} resolves into ${FORBIDDEN_ROOT}`);
  const links = filesBelow(join(consumer, 'node_modules')).filter((path) =>
    lstatSync(join(consumer, 'node_modules', path)).isSymbolicLink(),
  );
  for (const link of links) {
    const target = realpathSync(join(consumer, 'node_modules', link));
    if (!target.startsWith(consumer))
      throw new Error(`node_modules/${link} links to ${readlinkSync(join(consumer, 'node_modules', link))}`);
  }
  return `node_modules/price-ticker is a real folder; ${links.length} links in node_modules, all inside ${consumer}`;
}

/**
 * Lines of `file` that follow a `<!-- expect-error ... -->` marker: each must hold exactly one error.
 * @param {string} file
 */
function expectedErrorLines(file) {
  const lines = readFileSync(file, 'utf8').split('\n');
  return lines.flatMap((line, index) => (line.includes('<!-- expect-error') ? [index + 2] : []));
}

/**
 * Compares the lines a checker reported errors on with the marked lines.
 * @param {number[]} reported
 * @param {number[]} expected
 * @param {string} output
 */
function compareErrorLines(reported, expected, output) {
  const sorted = [...reported].sort((a, b) => a - b);
  if (JSON.stringify(sorted) !== JSON.stringify(expected))
    throw new Error(`errors on lines [${sorted.join(', ')}], expected exactly on [${expected.join(', ')}]:\n${output}`);
  return `${expected.length} deliberate mistakes reported on their lines (${expected.join(', ')}), no other error`;
}

const kilobytes = (/** @type {number} */ bytes) => `${(bytes / 1024).toFixed(1)} KB`;

/** @param {string} file */
function sizes(file) {
  const bytes = readFileSync(file);
  const gzip = gzipSync(bytes, { level: 9 }).length;
  const brotli = brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  return { raw: bytes.length, gzip, brotli, text: bytes.toString('utf8') };
}

// Strings that only Lit's packages and custom elements leave in a minified bundle.
const LIT_MARKERS = ['litHtmlVersions', 'reactiveElementVersions', 'litElementVersions', 'lit-html', 'LitElement'];

/**
 * The packages dist/price-ticker.js inlines, each with a string only its code leaves in the
 * minified bundle, and its licence file: the build must ship that licence beside the bundle.
 */
const BUNDLED_PACKAGES = [
  { name: '@lit/reactive-element', marker: 'reactiveElementVersions', licence: 'LICENSE' },
  { name: 'lit-element', marker: 'litElementVersions', licence: 'LICENSE' },
  { name: 'lit-html', marker: 'litHtmlVersions', licence: 'LICENSE' },
  { name: 'decimal.js', marker: '[DecimalError]', licence: 'LICENCE.md' },
];

const versions = (/** @type {string[]} */ ...names) =>
  Object.fromEntries(names.map((name) => [name, installedVersion(name)]));

// ---------------------------------------------------------------------------------------------

// PACKAGE_TARBALL=<file.tgz> tests that tarball instead of building and packing the repository
// (to see a broken package fail without touching the shared working tree).
const given = process.env.PACKAGE_TARBALL;
const tarball = await step(given ? `the given tarball ${given}` : 'npm pack (after npm run build)', () => {
  const path = given ?? packPackage();
  const listing = run('tar', ['-tzf', path], REPO_ROOT).split('\n').filter(Boolean);
  const wanted = [
    'package/LICENSE',
    'package/package.json',
    'package/dist/price-ticker.js',
    'package/dist/THIRD-PARTY-LICENSES.txt',
    'package/dist/lib/index.d.ts',
    'package/dist/lib/vendor/decimal.js',
    ...['react', 'preact', 'vue', 'svelte'].map((name) => `package/dist/lib/frameworks/${name}.d.ts`),
  ];
  const missing = wanted.filter((name) => !listing.includes(name));
  if (missing.length > 0) throw new Error(`not in the tarball: ${missing.join(', ')}`);
  const license = run('tar', ['-xzOf', path, 'package/LICENSE'], REPO_ROOT);
  if (!license.includes('MIT License') || !license.includes('Copyright (c) 2026 price-ticker contributors'))
    throw new Error(`package/LICENSE is not the MIT license of price-ticker contributors:\n${license.slice(0, 200)}`);
  // The slimmed copy of decimal.js the entries import must carry decimal.js's own licence.
  const vendored = run('tar', ['-xzOf', path, 'package/dist/lib/vendor/decimal.js'], REPO_ROOT);
  if (!/^\/\*\s*The MIT Licence\.\s+Copyright \(c\) \d{4} Michael Mclaughlin/.test(vendored))
    throw new Error(
      `dist/lib/vendor/decimal.js does not start with decimal.js's MIT licence:\n${vendored.slice(0, 200)}`,
    );
  // Minifying drops the notices of the packages inlined in the bundle: their licences ship beside
  // it, in full, each as the installed package has it.
  const bundle = run('tar', ['-xzOf', path, 'package/dist/price-ticker.js'], REPO_ROOT);
  const notices = run('tar', ['-xzOf', path, 'package/dist/THIRD-PARTY-LICENSES.txt'], REPO_ROOT);
  const unseen = BUNDLED_PACKAGES.filter(({ marker }) => !bundle.includes(marker)).map(({ name }) => name);
  if (unseen.length > 0) throw new Error(`dist/price-ticker.js no longer shows the code of ${unseen.join(', ')}`);
  const lacking = BUNDLED_PACKAGES.filter(({ name, licence }) => {
    const text = readFileSync(join(REPO_ROOT, 'node_modules', name, licence), 'utf8').trim();
    return !notices.includes(`\n${name} ${installedVersion(name)} (`) || !notices.includes(text);
  }).map(({ name }) => name);
  if (lacking.length > 0)
    throw new Error(
      `dist/THIRD-PARTY-LICENSES.txt lacks the licence of ${lacking.join(', ')}; it has:\n` +
        (notices.match(/^\S+ \S+ \(.+\)$/gm) ?? []).join('\n'),
    );
  return {
    value: path,
    note:
      `${path}: ${listing.length} files, LICENSE (MIT) included, decimal.js's licence in dist/lib/vendor/decimal.js\n` +
      `dist/THIRD-PARTY-LICENSES.txt has the licences of ${BUNDLED_PACKAGES.map(({ name }) => name).join(', ')}`,
  };
});
if (!tarball) process.exit(1);

const plain = await step('install the tarball into a plain project (TypeScript and Vite only)', () => {
  const dir = makeConsumer('plain', tarball, versions('typescript', 'vite'));
  cpSync(join(CONSUMERS, 'plain'), dir, { recursive: true });
  cpSync(join(CONSUMERS, 'bundle'), join(dir, 'bundle'), { recursive: true });
  return { value: dir, note: assertInstalledFromTarball(dir) };
});

const frameworks = await step('install the tarball into a framework project', () => {
  const dir = makeConsumer(
    'frameworks',
    tarball,
    versions(
      'typescript',
      'react',
      'react-dom',
      '@types/react',
      '@types/react-dom',
      'preact',
      'vue',
      'vue-tsc',
      'svelte',
      'svelte-check',
      '@angular/core',
      '@angular/compiler',
      '@angular/compiler-cli',
      'rxjs',
    ),
  );
  for (const name of ['react', 'preact', 'vue', 'svelte', 'angular'])
    cpSync(join(CONSUMERS, name), join(dir, name), { recursive: true });
  return { value: dir, note: assertInstalledFromTarball(dir) };
});

/**
 * What consumers/plain/import-entries.mjs prints.
 * @typedef {{
 *   entries: Record<string, { resolved: string, exports: string[], touches: number }>,
 *   touches: { name: string, kind: string, by: string }[],
 *   formatted: string,
 *   defined: boolean,
 *   observedAttributes: string[],
 * }} ImportReport
 */

/**
 * How many times `pattern` (a global regular expression) occurs in `file`; throws when it never does.
 * @param {string} file
 * @param {RegExp} pattern
 */
function countIn(file, pattern) {
  const found = readFileSync(file, 'utf8').match(pattern);
  if (!found) throw new Error(`${file} has no ${pattern.source}`);
  return found.length;
}

/** @type {string[] | undefined} */
let observedAttributes;
if (plain) {
  await step('import price-ticker, /element, /format in Node without touching window or document', () => {
    const lastLine = run('node', ['import-entries.mjs'], plain).trim().split('\n').at(-1) ?? '';
    /** @type {unknown} */
    const parsed = JSON.parse(lastLine);
    const report = /** @type {ImportReport} */ (parsed);
    const notes = [];
    for (const [entry, { resolved, exports, touches }] of Object.entries(report.entries)) {
      const path = fileURLToPath(resolved);
      if (!path.startsWith(plain)) throw new Error(`${entry} resolves to ${path}, outside the consumer`);
      if (exports.length === 0) throw new Error(`${entry} exports nothing`);
      notes.push(`${entry}: ${exports.length} exports (${exports.join(', ')}), ${touches} window/document touches`);
    }
    // Lit's Node build reads `globalThis.document` once to see that there is none, then uses its
    // own stand-in; any other read or write (ours above all) fails the step.
    const litCheck = (/** @type {ImportReport['touches'][number]} */ touch) =>
      touch.name === 'document' && touch.kind === 'read' && /node_modules\/lit-html\/node\//.test(touch.by);
    const others = report.touches.filter((touch) => !litCheck(touch));
    if (others.length > 0)
      throw new Error(`touched:\n${others.map((t) => `${t.kind} ${t.name} by ${t.by}`).join('\n')}`);
    // The formatter loads no Lit, so not even Lit's check may run while it is imported.
    const formatTouches = report.touches.slice(0, report.entries['price-ticker/format']?.touches ?? 0);
    if (formatTouches.length > 0)
      throw new Error(
        `price-ticker/format touched:\n${formatTouches.map((t) => `${t.kind} ${t.name} by ${t.by}`).join('\n')}`,
      );
    notes.push(
      `only reads: ${report.touches.length}, all of globalThis.document by lit-html's Node build (its feature check)`,
    );
    if (report.formatted !== '$0.0₅8123') throw new Error(`formatPrice('0.000008123456') gave ${report.formatted}`);
    notes.push(`formatPrice('0.000008123456') → ${report.formatted}`);
    if (!report.defined)
      throw new Error("importing 'price-ticker' did not define <price-ticker> (Lit's Node registry)");
    notes.push("'price-ticker' defined <price-ticker> in Lit's Node custom element registry, without error");
    observedAttributes = report.observedAttributes;
    return { note: notes.join('\n') };
  });

  await step('plain strict TypeScript consumer (tsc, exactOptionalPropertyTypes, no framework installed)', () => {
    const files = run('npx', ['tsc', '-p', 'tsconfig.json', '--listFilesOnly'], plain).split('\n');
    const pulledIn = files.filter((file) =>
      /\/price-ticker\/dist\/lib\/frameworks\/|\/(react|vue|svelte|preact)\//.test(file),
    );
    if (pulledIn.length > 0) throw new Error(`the main entries pulled in framework types:\n${pulledIn.join('\n')}`);
    run('npx', ['tsc', '-p', 'tsconfig.json'], plain);
    const mistakes = countIn(join(plain, 'main.ts'), /@ts-expect-error/g);
    return {
      note: `${files.filter(Boolean).length} files checked, none from a framework; ${mistakes} deliberate mistakes all errors`,
    };
  });
}

if (frameworks) {
  if (observedAttributes) {
    // The typings list every attribute the element observes, and no other: written from the
    // class as Node loaded it, so a setting added to the table without typings fails here.
    const entries = observedAttributes.map((name) => `  ${JSON.stringify(name)}: true,`).join('\n');
    writeFileSync(
      join(frameworks, 'react', 'attributes.ts'),
      `import type { PriceTickerAttributes } from 'price-ticker/react';\n\n` +
        `export const everyAttribute: Record<keyof PriceTickerAttributes, true> = {\n${entries}\n};\n`,
    );
  }

  await step('React 19 consumer (tsc, react-jsx)', () => {
    run('npx', ['tsc', '-p', 'react/tsconfig.json'], frameworks);
    const mistakes = countIn(join(frameworks, 'react', 'app.tsx'), /@ts-expect-error/g);
    const attributes = observedAttributes
      ? `; the typed attributes are exactly the ${observedAttributes.length} the class observes`
      : '';
    return { note: `${mistakes} deliberate mistakes all errors${attributes}` };
  });

  await step('Preact consumer (tsc, jsxImportSource preact)', () => {
    run('npx', ['tsc', '-p', 'preact/tsconfig.json'], frameworks);
    const mistakes = countIn(join(frameworks, 'preact', 'app.tsx'), /@ts-expect-error/g);
    return { note: `${mistakes} deliberate mistakes all errors` };
  });

  await step('Vue 3 SFC consumer (vue-tsc, strictTemplates)', () => {
    run('npx', ['vue-tsc', '-p', 'vue/tsconfig.json'], frameworks);
    const mistakes = countIn(join(frameworks, 'vue', 'App.vue'), /@vue-expect-error/g);
    return { note: `${mistakes} deliberate mistakes all errors` };
  });

  await step('Svelte 5 consumer (svelte-check)', () => {
    const { output } = runExpectingErrors(
      'npx',
      ['svelte-check', '--workspace', 'svelte', '--tsconfig', './tsconfig.json', '--output', 'machine'],
      frameworks,
    );
    if (!/COMPLETED \d+ FILES/.test(output)) throw new Error(`svelte-check did not complete:\n${output}`);
    const reported = [...output.matchAll(/ ERROR "App\.svelte" (\d+):\d+ /g)].map((match) => Number(match[1]));
    const elsewhere = [...output.matchAll(/ ERROR "(?!App\.svelte")([^"]+)"/g)].map((match) => match[1]);
    if (elsewhere.length > 0) throw new Error(`errors in ${elsewhere.join(', ')}:\n${output}`);
    return { note: compareErrorLines(reported, expectedErrorLines(join(frameworks, 'svelte', 'App.svelte')), output) };
  });

  await step('Angular standalone component consumer (ngc, strictTemplates)', () => {
    const { output: coloured } = runExpectingErrors('npx', ['ngc', '-p', 'angular/tsconfig.json'], frameworks);
    // ngc writes `file:line:column - error TSnnnn` in colour whatever the terminal.
    const output = coloured.replace(new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g'), '');
    const reported = [...output.matchAll(/app\.component\.ts:(\d+):\d+ - error /g)].map((m) => Number(m[1]));
    const errorCount = (output.match(/ - error /g) ?? []).length;
    if (errorCount !== reported.length) throw new Error(`errors outside app.component.ts:\n${output}`);
    return {
      note: compareErrorLines(reported, expectedErrorLines(join(frameworks, 'angular', 'app.component.ts')), output),
    };
  });
}

if (plain) {
  await step('Vite bundle of an app that imports only price-ticker/format', () => {
    const bundleDir = join(plain, 'bundle');
    const build = (/** @type {string} */ entry) => {
      run('npx', ['vite', 'build', '--config', 'bundle/vite.config.js'], plain, { BUNDLE_ENTRY: entry });
      return sizes(join(bundleDir, 'out', entry));
    };
    const formatOnly = build('format-only.js');
    const found = [...LIT_MARKERS, 'customElements'].filter((marker) => formatOnly.text.includes(marker));
    if (found.length > 0) throw new Error(`the format-only bundle contains ${found.join(', ')}`);
    const printed = run('node', [join(bundleDir, 'out', 'format-only.js')], plain).trim();
    if (printed !== '$0.0₅8123 -2.57%') throw new Error(`the bundle printed ${printed}`);
    // The control: the same check sees Lit in a bundle that takes the element class.
    const withElement = build('element-only.js');
    const controlMarkers = [...LIT_MARKERS, 'customElements'].filter((marker) => withElement.text.includes(marker));
    if (controlMarkers.length === 0) throw new Error('the control bundle (price-ticker/element) shows no Lit marker');
    const line = (/** @type {{ raw: number, gzip: number, brotli: number }} */ { raw, gzip, brotli }) =>
      `${kilobytes(raw)} raw, ${kilobytes(gzip)} gzip, ${kilobytes(brotli)} brotli = ${brotli} bytes`;
    return {
      note:
        `format-only bundle: ${line(formatOnly)}; no Lit, no customElements; prints "${printed}"\n` +
        `control, price-ticker/element bundle: ${line(withElement)}; has ${controlMarkers.join(', ')}`,
    };
  });
}

const failed = outcomes.filter((outcome) => !outcome.ok);
console.log(`\n${outcomes.length - failed.length} passed, ${failed.length} failed (test:package)`);
// The projects take about 180 MB: kept for a look when a step failed or KEEP_CONSUMERS=1 is set.
const folders = [plain, frameworks, given ? undefined : dirname(tarball)].filter((folder) => folder !== undefined);
if (failed.length > 0 || process.env.KEEP_CONSUMERS) console.log(`kept for a look: ${folders.join(', ')}`);
else for (const folder of folders) rmSync(folder, { recursive: true, force: true });
process.exit(failed.length === 0 ? 0 : 1);
