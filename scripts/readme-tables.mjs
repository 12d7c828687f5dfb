// `node scripts/readme-tables.mjs`: writes the README's reference tables (attributes; properties
// and methods; parts; custom properties) from the Custom Elements Manifest, between the
// `<!-- manifest:NAME -->` and `<!-- /manifest:NAME -->` markers. `--check` writes nothing and
// fails when the README differs from what the manifest says (test/unit/manifest/custom-elements.test.ts too).
// The manifest is made afresh by the analyzer (custom-elements-manifest.config.mjs), so this
// needs no build first.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// The parts of the manifest's format (schema 2.1) read here and in test/unit/manifest/custom-elements.test.ts.
/** @typedef {{ text: string; references?: { name: string; module?: string }[] }} Type */
/**
 * @typedef {{ name: string; description?: string; type?: Type; default?: string; fieldName?: string }} Attribute
 * @typedef {{ name: string; description?: string; default?: string }} Named
 * @typedef {{ name: string; type?: Type; default?: string; optional?: boolean }} Parameter
 * @typedef {{
 *   kind: 'field' | 'method'; name: string; description?: string; type?: Type; default?: string;
 *   static?: boolean; privacy?: 'public' | 'private' | 'protected'; readonly?: boolean; attribute?: string;
 *   reflects?: boolean; parameters?: Parameter[]; return?: { type?: Type };
 * }} ClassMember
 * @typedef {{
 *   kind: string; name: string; tagName?: string; customElement?: boolean; description?: string;
 *   summary?: string; superclass?: { name: string; module?: string; package?: string };
 *   attributes?: Attribute[]; members?: ClassMember[];
 *   events?: { name: string; description?: string; type?: Type }[];
 *   cssParts?: Named[]; cssProperties?: Named[]; cssStates?: Named[];
 * }} Declaration
 * @typedef {{ kind: string; name: string; declaration: { name: string; module?: string } }} Export
 * @typedef {{ kind: string; path: string; declarations?: Declaration[]; exports?: Export[] }} Module
 * @typedef {{ schemaVersion: string; readme?: string; modules: Module[] }} Package
 */

export const TAG_NAME = 'price-ticker';

/** The analyzer run as `npm run manifest` runs it, returning the manifest instead of writing it. */
export async function generateManifest() {
  /** @type {unknown} The analyzer ships no types for its command-line module. */
  const module = await import('@custom-elements-manifest/analyzer/cli.js');
  const analyzer = /** @type {{ cli(options: { argv: string[]; noWrite: boolean }): Promise<Package> }} */ (module);
  return analyzer.cli({ argv: ['analyze', '--quiet'], noWrite: true });
}

/**
 * The declaration of `tagName` in a manifest.
 * @param {Package} manifest
 * @returns {Declaration}
 */
export function elementOf(manifest, tagName = TAG_NAME) {
  for (const module of manifest.modules) {
    for (const declaration of module.declarations ?? []) {
      if (declaration.tagName === tagName) return declaration;
    }
  }
  throw new Error(`the manifest has no <${tagName}>`);
}

/** @param {string | undefined} text A cell's text: one line, pipes escaped. */
const cell = (text = '') => text.replace(/\s*\n\s*/g, ' ').replace(/\|/g, '\\|');
const code = (text = '') => `\`${text}\``;

/**
 * An attribute's default as the README shows it: the value as written in the attribute
 * (`coingecko`, `logo name symbol price change`), "absent" for a boolean attribute, and a default
 * settled at run time in the words of its `@default`.
 * @param {string | undefined} value the manifest's default: a JavaScript expression or words
 */
export function attributeDefault(value = '') {
  if (value === 'false') return 'absent';
  if (/^'[^']*'$/.test(value)) return code(value.slice(1, -1));
  if (/^-?\d[\d_.]*$/.test(value)) return code(value);
  const strings = /^\[('[^']*'(, '[^']*')*)?\]$/.test(value)
    ? [...value.matchAll(/'([^']*)'/g)].map((m) => m[1])
    : null;
  if (strings?.length) return code(strings.join(' '));
  return value;
}

/**
 * A member as a signature: `quotes: readonly Quote[]`, `refresh(): Promise<void>`,
 * `PriceTickerElement.define(tag?: string, …): void`.
 * @param {ClassMember} member
 * @param {string} className
 */
function signature(member, className) {
  const name = member.static ? `${className}.${member.name}` : member.name;
  if (member.kind === 'method') {
    const parameters = (member.parameters ?? []).map(
      (p) => `${p.name}${p.optional || p.default !== undefined ? '?' : ''}: ${p.type?.text ?? 'unknown'}`,
    );
    return `${name}(${parameters.join(', ')}): ${member.return?.type?.text ?? 'void'}`;
  }
  const type = member.type?.text ?? 'unknown';
  // A static function-valued field reads as the function it is.
  const fn = member.static ? /^\((.*)\) => (.*)$/.exec(type) : null;
  return fn ? `${name}(${fn[1]}): ${fn[2]}` : `${name}: ${type}`;
}

/**
 * The README tables, by marker name, from the manifest's <price-ticker>.
 * @param {Package} manifest
 * @returns {Record<string, string>}
 */
export function renderTables(manifest) {
  const element = elementOf(manifest);
  const attributes = element.attributes ?? [];
  const publicMembers = (element.members ?? []).filter(
    (m) => (m.privacy ?? 'public') === 'public' && !m.name.startsWith('#'),
  );
  // Members with an attribute are in the attributes table. The rest, in this order: what the
  // element tells (read-only), what you call, what you set, then what the class offers.
  const rank = (/** @type {ClassMember} */ m) => (m.static ? 3 : m.kind === 'method' ? 1 : m.readonly ? 0 : 2);
  const members = publicMembers
    .filter((m) => !m.attribute)
    .map((m, index) => ({ m, index }))
    .sort((a, b) => rank(a.m) - rank(b.m) || a.index - b.index)
    .map(({ m }) => m);

  const table = (/** @type {string[]} */ header, /** @type {string[][]} */ rows) =>
    [header, header.map(() => '---'), ...rows]
      .map((row) => `| ${row.join(' | ')} |`.replace(/ {2,}\|/g, ' |'))
      .join('\n');

  return {
    attributes: table(
      ['attribute', 'default', 'meaning'],
      attributes.map((a) => [code(a.name), cell(attributeDefault(a.default)), cell(a.description)]),
    ),
    members: table(
      ['member', ''],
      members.map((m) => [code(cell(signature(m, element.name))), cell(m.description)]),
    ),
    parts: table(
      ['part', 'what it is'],
      (element.cssParts ?? []).map((p) => [code(p.name), cell(p.description)]),
    ),
    'custom-properties': table(
      ['custom property', 'default (light / dark)', 'used for'],
      (element.cssProperties ?? []).map((p) => [
        code(p.name),
        cell((p.default ?? '').split(' / ').map(code).join(' / ')),
        cell(p.description),
      ]),
    ),
  };
}

/**
 * The README with each marked table replaced; throws if a marker pair is missing.
 * @param {string} readme
 * @param {Record<string, string>} tables
 */
export function withTables(readme, tables) {
  let text = readme;
  for (const [name, table] of Object.entries(tables)) {
    const open = `<!-- manifest:${name} -->`;
    const close = `<!-- /manifest:${name} -->`;
    const start = text.indexOf(open);
    const end = text.indexOf(close);
    if (start < 0 || end < start) throw new Error(`README.md: no ${open} … ${close} markers`);
    text = `${text.slice(0, start + open.length)}\n${table}\n${text.slice(end)}`;
  }
  return text;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const check = process.argv.includes('--check');
  const readme = readFileSync('README.md', 'utf8');
  const updated = withTables(readme, renderTables(await generateManifest()));
  if (updated === readme) {
    console.log('README.md: the reference tables match the manifest.');
  } else if (check) {
    console.error('README.md: the reference tables differ from the manifest; run `node scripts/readme-tables.mjs`.');
    process.exit(1);
  } else {
    writeFileSync('README.md', updated);
    console.log('README.md: reference tables written from the manifest.');
  }
}
