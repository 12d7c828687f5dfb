// The Custom Elements Manifest, the README's reference tables and the public contract must name
// the same things. The manifest is made here by the analyzer itself (no build needed first).
import { existsSync, readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { SETTINGS, SETTING_NAMES } from '../../../src/config.js';
import {
  elementOf,
  generateManifest,
  renderTables,
  withTables,
  type Package,
} from '../../../scripts/readme-tables.mjs';

// The public contract is not part of the package: where it is, relative to the project, is
// configuration (package.json `config.contract`), and CONTRACT_PATH names another copy. This test
// holds the manifest to the contract's names.
const PACKAGE = JSON.parse(readFileSync('package.json', 'utf8')) as { config: { contract: string } };
const CONTRACT_PATH = process.env.CONTRACT_PATH ?? PACKAGE.config.contract;
const README = readFileSync('README.md', 'utf8');
const CONTRACT = readFileSync(CONTRACT_PATH, 'utf8');

/** The contract's sections about the element that are built, and checked name by name here. */
const CHECKED = {
  attributes: 'Attributes',
  members: 'Properties and methods',
  events: 'Events',
  shadowDom: 'Shadow DOM',
  links: 'Links, market data, sparklines, initial quotes',
  streaming: 'Streaming',
} as const;
/** The contract's sections about the element that are not built yet: not checked. */
const NOT_BUILT: string[] = [];
/** The contract's sections that are not about the element's own names. */
const NOT_ABOUT_THE_ELEMENT = ['Loading', 'Formatting', 'Sources'];

/**
 * Public names the manifest has and the contract does not: each is documented in the README
 * (checked below), and each is listed here on purpose, so a new one has to be added by hand.
 */
const EXTRAS = {
  // Defining under another name, `PriceTickerElement.define('my-ticker')` (README, "Using it").
  methods: ['define'],
  // Overriding the ticker's words (README, "Languages").
  properties: ['defineMessages'],
  // Parts of the layout around the coins and of the states the contract does not name
  // (README, "Styling"): the region, the moving strip, a held coin, a missing logo, the skeleton.
  parts: ['ticker', 'viewport', 'track', 'list', 'stale', 'logo-placeholder', 'skeleton'],
};

/** A `## Heading` section of a Markdown document, up to the next `## `. */
function section(markdown: string, heading: string): string {
  const start = markdown.split('\n').findIndex((line) => line.startsWith(`## ${heading}`));
  if (start < 0) throw new Error(`no section "## ${heading}…"`);
  const lines = markdown.split('\n').slice(start + 1);
  const end = lines.findIndex((line) => line.startsWith('## '));
  return lines.slice(0, end < 0 ? undefined : end).join('\n');
}

/** The first cell of each row of the section's table, without its backticks. */
const tableNames = (text: string) =>
  [...text.matchAll(/^\| `([^`]+)` \|/gm)].map((m) => m[1]!).filter((name) => name !== '---');

/** The names that start each bullet: "- `quotes: …`" gives `quotes`, "- `refresh(): …`" gives `refresh`. */
const bulletNames = (text: string) => [...text.matchAll(/^- `([\w$-]+)/gm)].map((m) => m[1]!);

const camelCase = (attribute: string) => attribute.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
const sorted = (names: Iterable<string>) => [...new Set(names)].sort();

/** The names the contract gives, per kind, from the checked sections. */
function contractNames() {
  const attributes = tableNames(section(CONTRACT, CHECKED.attributes));
  const members = section(CONTRACT, CHECKED.members);
  const methods = [...members.matchAll(/^- `([\w$]+)\(/gm)].map((m) => m[1]!);
  const properties = bulletNames(members).filter((name) => !methods.includes(name));
  // `status: 'loading' | 'live' | …`, "also exposed as a custom state".
  const statusLine = /^- `status: ([^`]+)`/m.exec(members)?.[1] ?? '';
  const states = /custom state/.test(members) ? [...statusLine.matchAll(/'([^']+)'/g)].map((m) => m[1]!) : [];
  const events = bulletNames(section(CONTRACT, CHECKED.events));
  const shadow = section(CONTRACT, CHECKED.shadowDom);
  const parts = [
    ...[...shadow.matchAll(/part="([^"]+)"/g)].flatMap((m) => m[1]!.split(/\s+/)),
    // "carries one of the part names `up`, `down`, `flat`"
    ...[...shadow.matchAll(/part\s+names?\s+((?:`[\w-]+`(?:, | and | or )?)+)/g)].flatMap((m) =>
      [...m[1]!.matchAll(/`([\w-]+)`/g)].map((n) => n[1]!),
    ),
  ];
  const customPropertyPrefix = /named `(--[\w-]+)\*`/.exec(shadow)?.[1];
  // Its own table of attributes, "Event `price-ticker-select`", `part="link"`, "Parts `market-cap`
  // and `volume`", "Part `sparkline`".
  const links = section(CONTRACT, CHECKED.links);
  attributes.push(...tableNames(links));
  events.push(...[...links.matchAll(/^- Event `([\w-]+)`/gm)].map((m) => m[1]!));
  parts.push(
    ...[...links.matchAll(/part="([^"]+)"/g)].map((m) => m[1]!),
    ...[...links.matchAll(/Parts? ((?:`[\w-]+`(?: and |, )?)+)/g)].flatMap((m) =>
      [...m[1]!.matchAll(/`([\w-]+)`/g)].map((n) => n[1]!),
    ),
  );
  // Its own table of attributes: `stream`, `stream-endpoint`.
  attributes.push(...tableNames(section(CONTRACT, CHECKED.streaming)));
  return { attributes, properties, methods, states, events, parts, customPropertyPrefix };
}

let manifest: Package;
beforeAll(async () => {
  manifest = await generateManifest();
}, 60_000);

const element = () => elementOf(manifest);
const publicMembers = () =>
  (element().members ?? []).filter((m) => (m.privacy ?? 'public') === 'public' && !m.name.startsWith('#'));

describe('the contract', () => {
  it('has the sections this test knows: the checked ones, the ones not built yet, and the rest', () => {
    const headings = [...CONTRACT.matchAll(/^## (.+)$/gm)].map((m) => m[1]!);
    const known = [...Object.values(CHECKED), ...NOT_BUILT, ...NOT_ABOUT_THE_ELEMENT];
    expect(headings.filter((h) => !known.some((k) => h.startsWith(k)))).toEqual([]);
    for (const heading of known)
      expect(
        headings.some((h) => h.startsWith(heading)),
        heading,
      ).toBe(true);
  });

  it('gives names in each checked section', () => {
    const names = contractNames();
    for (const [kind, list] of Object.entries(names)) expect(list?.length, kind).toBeGreaterThan(0);
  });
});

describe('the manifest and the contract name the same things', () => {
  it(`attributes (contract: "${CHECKED.attributes}")`, () => {
    expect(sorted(element().attributes!.map((a) => a.name))).toEqual(sorted(contractNames().attributes));
  });

  it(`properties: one per attribute, camelCase, and those of "${CHECKED.members}"`, () => {
    const { attributes, properties } = contractNames();
    const fields = publicMembers().filter((m) => m.kind === 'field');
    expect(sorted(fields.map((f) => f.name))).toEqual(
      sorted([...attributes.map(camelCase), ...properties, ...EXTRAS.properties]),
    );
    for (const attribute of element().attributes!) expect(attribute.fieldName).toBe(camelCase(attribute.name));
  });

  it(`methods (contract: "${CHECKED.members}")`, () => {
    const methods = publicMembers().filter((m) => m.kind === 'method');
    expect(sorted(methods.map((m) => m.name))).toEqual(sorted([...contractNames().methods, ...EXTRAS.methods]));
  });

  it(`events, with their typed Event classes (contract: "${CHECKED.events}")`, () => {
    const events = element().events!;
    expect(sorted(events.map((e) => e.name))).toEqual(sorted(contractNames().events));
    expect(events.map((e) => e.type?.text)).toEqual([
      'PriceTickerUpdateEvent',
      'PriceTickerSelectEvent',
      'PriceTickerErrorEvent',
    ]);
  });

  it(`parts (contract: "${CHECKED.shadowDom}")`, () => {
    const parts = element().cssParts!.map((p) => p.name);
    expect(sorted(parts)).toEqual(sorted([...contractNames().parts, ...EXTRAS.parts]));
  });

  it(`custom properties all named as the contract says ("${CHECKED.shadowDom}")`, () => {
    const prefix = contractNames().customPropertyPrefix!;
    const names = element().cssProperties!.map((p) => p.name);
    expect(names.filter((name) => !name.startsWith(prefix))).toEqual([]);
  });

  it(`custom states: the values of status (contract: "${CHECKED.members}")`, () => {
    expect(sorted(element().cssStates!.map((s) => s.name))).toEqual(sorted(contractNames().states));
  });

  it('extras beyond the contract are each documented in the README', () => {
    for (const name of Object.values(EXTRAS).flat()) expect(README, name).toMatch(new RegExp(`\`[^\`]*\\b${name}\\b`));
  });
});

describe('the manifest and the code', () => {
  it('every attribute has a type and a default; defaults are those of the settings table', () => {
    for (const attribute of element().attributes!) {
      expect(attribute.type?.text, attribute.name).toBeTruthy();
      expect(attribute.default, attribute.name).toBeTruthy();
    }
    const byField = new Map(element().attributes!.map((a) => [a.fieldName, a]));
    for (const name of SETTING_NAMES) {
      const value: string | number | boolean | readonly string[] | null = SETTINGS[name].default;
      const written = byField.get(name)?.default;
      expect(byField.get(name)?.name, name).toBe(SETTINGS[name].attribute);
      // A default settled at run time (null, []) is described in words instead.
      if (value === null || (Array.isArray(value) && value.length === 0)) continue;
      expect(written, name).toBe(
        Array.isArray(value)
          ? `[${value.map((v) => `'${String(v)}'`).join(', ')}]`
          : typeof value === 'string'
            ? `'${value}'`
            : String(value),
      );
    }
    expect(byField.get('paused')?.default).toBe('false');
  });

  it("the attributes are the class's own Lit declarations, reflected as declared", async () => {
    // Lit runs in Node (its DOM shim), so the class's run-time declarations can be read as they are.
    const { PriceTickerElement } = await import('../../../src/price-ticker.js');
    const declared = Object.entries(PriceTickerElement.properties).flatMap(([property, options]) =>
      options.attribute === false
        ? []
        : [
            {
              name: typeof options.attribute === 'string' ? options.attribute : property.toLowerCase(),
              property,
              reflects: options.reflect === true,
            },
          ],
    );
    expect(declared.length).toBeGreaterThan(10);
    const fields = new Map(publicMembers().map((m) => [m.name, m]));
    expect(
      element().attributes!.map((a) => ({
        name: a.name,
        property: a.fieldName,
        reflects: fields.get(a.fieldName!)?.reflects === true,
      })),
    ).toEqual(declared);
  });

  it('the parts are those the templates use', () => {
    const templates = ['src/price-ticker.ts', 'src/templates/coin.ts', 'src/templates/coin-list.ts']
      .map((f) => readFileSync(f, 'utf8'))
      .join('\n');
    // In markup: part="a b", part=${x ? 'a b' : 'a'}; written by script: part: x ? 'a b' : 'a',
    // part: `change ${direction}` (its values are up/down/flat).
    const used = new Set<string>();
    const written = /\spart(?:=(?:"([^"]*)"|\$\{([^}]*)\})|: ([^,\n]*))/g;
    for (const [, fixed, dynamic, script] of templates.matchAll(written)) {
      const words = fixed ?? [...(dynamic ?? script)!.matchAll(/'([^']*)'/g)].map((m) => m[1]).join(' ');
      for (const word of words.split(/\s+/)) if (word && !word.startsWith('$')) used.add(word);
    }
    if (/part: `change \$\{direction\}`/.test(templates)) for (const d of ['change', 'up', 'down', 'flat']) used.add(d);
    expect(used.size).toBeGreaterThan(10);
    expect(sorted(element().cssParts!.map((p) => p.name))).toEqual(sorted(used));
  });

  it('the custom properties are those the stylesheet reads', () => {
    const styles = readFileSync('src/price-ticker.styles.ts', 'utf8');
    const read = sorted([...styles.matchAll(/var\((--price-ticker-[\w-]+)/g)].map((m) => m[1]!));
    expect(sorted(element().cssProperties!.map((p) => p.name))).toEqual(read);
    for (const property of element().cssProperties!) expect(property.default, property.name).toBeTruthy();
  });

  it('is defined as <price-ticker> by the package entry, at the published paths', () => {
    const entry = manifest.modules.find((m) => m.path === 'dist/lib/index.js');
    expect(entry?.exports).toContainEqual({
      kind: 'custom-element-definition',
      name: 'price-ticker',
      declaration: { name: 'PriceTickerElement', module: 'dist/lib/price-ticker.js' },
    });
    expect(manifest.modules.map((m) => m.path).filter((p) => !/^dist\/lib\/.+\.js$/.test(p))).toEqual([]);
    // Every module a reference names is one the package ships, built from a source file.
    // And a reference into a module of the manifest names something that module has.
    const modules = new Set<string>();
    const dangling: string[] = [];
    const visit = (value: unknown): void => {
      if (Array.isArray(value)) return value.forEach(visit);
      if (!value || typeof value !== 'object') return;
      const { name, module } = value as { name?: unknown; module?: unknown };
      if (typeof module === 'string') {
        modules.add(module);
        const target = manifest.modules.find((m) => m.path === module);
        const names = [...(target?.declarations ?? []), ...(target?.exports ?? [])].map((d) => d.name);
        if (target && typeof name === 'string' && name !== '*' && !names.includes(name))
          dangling.push(`${name} in ${module}`);
      }
      for (const [key, child] of Object.entries(value)) if (key !== 'module') visit(child);
    };
    visit(manifest.modules);
    expect(dangling).toEqual([]);
    expect(modules.size).toBeGreaterThan(3);
    const missing = [...modules].filter(
      (m) => !/^dist\/lib\/.+\.js$/.test(m) || !existsSync(m.replace(/^dist\/lib\//, 'src/').replace(/\.js$/, '.ts')),
    );
    expect(missing).toEqual([]);
  });
});

describe('the README', () => {
  it('has the reference tables the manifest makes (`node scripts/readme-tables.mjs` writes them)', () => {
    const tables = renderTables(manifest);
    expect(Object.keys(tables)).toEqual(['attributes', 'members', 'parts', 'custom-properties']);
    for (const [name, table] of Object.entries(tables)) {
      const written = new RegExp(`<!-- manifest:${name} -->\\n([^]*?)\\n<!-- /manifest:${name} -->`).exec(README)?.[1];
      expect(written, `README.md, table "${name}"`).toBe(table);
    }
    // And nothing else: what the script would write is the README as it is.
    expect(withTables(README, tables) === README).toBe(true);
  });

  it(`names the manifest's events where it describes them`, () => {
    const text = section(README, 'Properties, methods and events');
    const named = sorted([...text.matchAll(/`(price-ticker-[a-z-]+)`/g)].map((m) => m[1]!));
    expect(named).toEqual(sorted(element().events!.map((e) => e.name)));
  });
});
