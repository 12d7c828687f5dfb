// `npm run manifest` (and `npm run build`): writes custom-elements.json, the Custom Elements
// Manifest that editors, linters and docs tools read to know <price-ticker>'s attributes,
// properties, events, parts, custom properties and states.
//
// The analyzer reads the class and its JSDoc; the plugins below add what it cannot see:
// - the attributes and their properties, declared at run time from the settings table in
//   src/config.ts: their names, defaults and reflection are read from that table, and their types
//   and wording from the interface beside it that the class gets by declaration merging, so
//   src/config.ts stays the one place they are written;
// - types written out in full (`'auto' | 'light' | 'dark'` rather than `Theme`), from the
//   TypeScript checker;
// - the module paths of the package as published (dist/lib/*.js), not of the sources, and only
//   the exports a script can import (no `export type`).
// The manifest describes the element as built; test/unit/manifest/custom-elements.test.ts holds it to the
// contract's names, the class's Lit declarations, the templates' parts and the stylesheet.
import { dirname, posix } from 'node:path';
import ts from 'typescript';

/**
 * @typedef {import('./scripts/readme-tables.mjs').Package} Package
 * @typedef {import('./scripts/readme-tables.mjs').Declaration} Declaration
 * @typedef {import('./scripts/readme-tables.mjs').ClassMember} ClassMember
 * @typedef {{
 *   name: string;
 *   analyzePhase?(params: { ts: typeof ts; node: ts.Node; moduleDoc: { path: string } }): void;
 *   packageLinkPhase(params: { customElementsManifest: Package }): void;
 * }} Plugin
 * @typedef {string | number | boolean | null} Scalar
 * @typedef {Scalar | Scalar[]} Value
 */

const ELEMENT_MODULE = 'src/price-ticker.ts';
const ELEMENT_CLASS = 'PriceTickerElement';
const SETTINGS_MODULE = 'src/config.ts';
/** The interface in SETTINGS_MODULE that declares the element's settable properties, with their wording. */
const PROPERTIES_INTERFACE = 'ElementProperties';
/** The modules that call `PriceTickerElement.define()` at import time. */
const DEFINING_MODULE = 'src/index.ts';

/**
 * The options this config uses (the analyzer's own `Config` type declares plugins as bare functions).
 * @type {{ globs: string[]; outdir: string; litelement: boolean; packagejson: boolean; plugins: Plugin[] }}
 */
export default {
  // The package entries and the modules their public types come from.
  globs: ['src/index.ts', 'src/element.ts', ELEMENT_MODULE, 'src/events.ts'],
  outdir: '.',
  litelement: true,
  // package.json names the manifest itself (its `customElements` key); the analyzer must not rewrite it.
  packagejson: false,
  plugins: [
    settingsPlugin(),
    eventsPlugin(),
    fullTypesPlugin(),
    oneLineDescriptionsPlugin(),
    definitionPlugin(),
    typeOnlyExportsPlugin(),
    globalSuperclassesPlugin(),
    publishedPathsPlugin(),
  ],
};

/**
 * The element's class declaration in the manifest, or an error naming what is missing.
 * @param {Package} manifest
 */
function elementClass(manifest) {
  const module = manifest.modules.find((m) => m.path === ELEMENT_MODULE);
  const element = module?.declarations?.find((d) => d.name === ELEMENT_CLASS);
  if (!element) throw new Error(`custom-elements manifest: no ${ELEMENT_CLASS} in ${ELEMENT_MODULE}`);
  element.members ??= [];
  element.attributes ??= [];
  element.events ??= [];
  return /** @type {Declaration & Required<Pick<Declaration, 'members' | 'attributes' | 'events'>>} */ (element);
}

/** src/config.ts, parsed. */
const readSettingsModule = () =>
  ts.createSourceFile(SETTINGS_MODULE, ts.sys.readFile(SETTINGS_MODULE) ?? '', ts.ScriptTarget.ES2022, true);

/**
 * Reads the SETTINGS table of src/config.ts: for each entry, its property, attribute and default
 * (evaluated from the source text: literals, arrays of them, and spreads of a constant array).
 */
function readSettingsTable() {
  const file = readSettingsModule();
  /** @type {Map<string, ts.Expression>} */
  const constants = new Map();
  /** @type {ts.Expression | undefined} */
  let table;
  for (const statement of file.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    for (const declaration of statement.declarationList.declarations) {
      if (!ts.isIdentifier(declaration.name) || !declaration.initializer) continue;
      if (declaration.name.text === 'SETTINGS') table = declaration.initializer;
      else constants.set(declaration.name.text, declaration.initializer);
    }
  }
  if (!table || !ts.isObjectLiteralExpression(table)) throw new Error(`${SETTINGS_MODULE}: no SETTINGS object`);

  /** @type {(node: ts.Expression) => Value} */
  const evaluate = (node) => {
    if (ts.isStringLiteralLike(node)) return node.text;
    if (ts.isNumericLiteral(node)) return Number(node.text);
    if (node.kind === ts.SyntaxKind.NullKeyword) return null;
    if (node.kind === ts.SyntaxKind.TrueKeyword) return true;
    if (node.kind === ts.SyntaxKind.FalseKeyword) return false;
    if (ts.isAsExpression(node) || ts.isParenthesizedExpression(node)) return evaluate(node.expression);
    const constant = ts.isIdentifier(node) ? constants.get(node.text) : undefined;
    if (constant) return evaluate(constant);
    if (ts.isArrayLiteralExpression(node)) {
      return node.elements.flatMap((e) => {
        const value = evaluate(ts.isSpreadElement(e) ? e.expression : e);
        if (!Array.isArray(value)) return [value];
        if (ts.isSpreadElement(e)) return value;
        throw new Error(`${SETTINGS_MODULE}: a default of nested arrays, \`${node.getText()}\`, is not read`);
      });
    }
    throw new Error(`${SETTINGS_MODULE}: cannot read the default \`${node.getText()}\`; write it as a literal`);
  };

  return table.properties.map((entry) => {
    const name = entry.name?.getText() ?? '?';
    const spec = ts.isPropertyAssignment(entry) ? entry.initializer : undefined;
    if (!spec || !ts.isObjectLiteralExpression(spec))
      throw new Error(`${SETTINGS_MODULE}: SETTINGS.${name} is not an object`);
    const fields = new Map(
      spec.properties.filter(ts.isPropertyAssignment).map((p) => [p.name.getText(), p.initializer]),
    );
    const attribute = fields.get('attribute');
    const value = fields.get('default');
    if (!attribute || !ts.isStringLiteralLike(attribute) || !value) {
      throw new Error(`${SETTINGS_MODULE}: SETTINGS.${name} needs an attribute name and a default`);
    }
    return { property: name, attribute: attribute.text, default: evaluate(value) };
  });
}

/**
 * Reads the interface of src/config.ts that declares the element's settable properties, and the
 * interfaces of that module it extends (their members first): for each property in order, its
 * type as written, its JSDoc description and its JSDoc `@default`, if any.
 */
function readPropertiesInterface() {
  const file = readSettingsModule();
  const interfaces = new Map(
    file.statements.filter(ts.isInterfaceDeclaration).map((declaration) => [declaration.name.text, declaration]),
  );
  /** @type {(name: string) => { property: string; type: string; description: string; default?: string }[]} */
  const membersOf = (name) => {
    const declaration = interfaces.get(name);
    if (!declaration) throw new Error(`${SETTINGS_MODULE}: no interface ${name}`);
    const inherited = (declaration.heritageClauses ?? [])
      .flatMap((clause) => clause.types)
      .flatMap((base) => membersOf(base.expression.getText()));
    const own = declaration.members.map((member) => {
      const property = member.name?.getText() ?? '?';
      const [doc] = ts.getJSDocCommentsAndTags(member).filter(ts.isJSDoc).slice(-1);
      const description = ts.getTextOfJSDocComment(doc?.comment)?.trim();
      if (!ts.isPropertySignature(member) || !member.type || !description) {
        throw new Error(`${SETTINGS_MODULE}: ${name}.${property} needs a type and a JSDoc description`);
      }
      const tag = doc?.tags?.find((t) => t.tagName.text === 'default');
      const written = tag && ts.getTextOfJSDocComment(tag.comment)?.trim();
      return { property, type: member.type.getText(), description, ...(written ? { default: written } : {}) };
    });
    return [...inherited, ...own];
  };
  return membersOf(PROPERTIES_INTERFACE);
}

/**
 * A default as a JavaScript expression, the form the manifest uses: `'auto'`, `20`, `['a', 'b']`.
 * @param {Value} value
 * @returns {string}
 */
const asExpression = (value) =>
  Array.isArray(value)
    ? `[${value.map(asExpression).join(', ')}]`
    : typeof value === 'string'
      ? `'${value}'`
      : String(value);

/**
 * Attributes and properties from the settings table (declareProperties() in src/price-ticker.ts
 * builds Lit's declarations from it at run time, out of the analyzer's sight), plus `paused`,
 * the one boolean attribute declared beside the table. The properties are the members of the
 * interface the class gets by declaration merging, which the analyzer does not follow: each is
 * written here as a field, after the static members, with its type and the wording of its JSDoc.
 * A JSDoc `@default` may stand in for a default settled at run time (`null` or `[]` in the
 * table), and for nothing else.
 */
/** @returns {Plugin} */
function settingsPlugin() {
  return {
    name: 'price-ticker: attributes from the settings table',
    packageLinkPhase({ customElementsManifest }) {
      const element = elementClass(customElementsManifest);
      const declared = readPropertiesInterface();
      const names = new Set(declared.map((d) => d.property));
      const isDeclared = (/** @type {ClassMember} */ m) => m.kind === 'field' && !m.static && names.has(m.name);
      // The analyzer records a field the constructor assigns (`this.paused = false`), with that default.
      const assigned = new Map(element.members.filter(isDeclared).map((m) => [m.name, m]));
      const others = element.members.filter((m) => !isDeclared(m));
      const firstInstance = others.findIndex((m) => !m.static);
      const declaredFields = declared.map(({ property, type, description, default: written }) => {
        const value = written ?? assigned.get(property)?.default;
        return /** @type {ClassMember} */ ({
          kind: 'field',
          name: property,
          type: { text: type },
          description,
          ...(value === undefined ? {} : { default: value }),
        });
      });
      others.splice(firstInstance < 0 ? others.length : firstInstance, 0, ...declaredFields);
      element.members = others;
      // `paused` is declared beside the table (a plain Lit boolean); reflection is set in
      // declareProperties() for `theme` and `paused`, and test/unit/manifest/custom-elements.test.ts compares all
      // of this with the class's own property declarations.
      const settings = [...readSettingsTable(), { property: 'paused', attribute: 'paused', default: false }];
      element.attributes = settings.map(({ property, attribute, default: value }) => {
        const field = element.members.find((m) => m.kind === 'field' && m.name === property && !m.static);
        if (!field)
          throw new Error(`${SETTINGS_MODULE}: no ${PROPERTIES_INTERFACE}.${property} for the attribute ${attribute}`);
        const settledAtRunTime = value === null || (Array.isArray(value) && value.length === 0);
        if (field.default !== undefined && field.default !== asExpression(value) && !settledAtRunTime) {
          throw new Error(`${property}: its @default disagrees with the settings table (${asExpression(value)})`);
        }
        if (!(settledAtRunTime && field.default !== undefined)) field.default = asExpression(value);
        field.attribute = attribute;
        if (property === 'theme' || property === 'paused') field.reflects = true;
        return {
          name: attribute,
          fieldName: property,
          ...(field.type ? { type: { ...field.type } } : {}),
          default: field.default,
          ...(field.description ? { description: field.description } : {}),
        };
      });
    },
  };
}

/**
 * The analyzer also records each `dispatchEvent(new X(...))` as an event with a type and no
 * name; the JSDoc `@event {X} name` entries already say both, so those unnamed copies go.
 */
/** @returns {Plugin} */
function eventsPlugin() {
  return {
    name: 'price-ticker: events named once',
    packageLinkPhase({ customElementsManifest }) {
      const element = elementClass(customElementsManifest);
      const named = new Set(element.events.filter((e) => e.name).map((e) => e.type?.text));
      element.events = element.events.filter((e) => e.name || !named.has(e.type?.text));
      for (const event of element.events) {
        if (event.type) event.type.references = [{ name: event.type.text, module: 'src/events.ts' }];
      }
    },
  };
}

/**
 * Writes the public members' types out in full, as declared, with each alias of literals or of a
 * function type replaced by what it stands for (`Theme` → `'auto' | 'light' | 'dark'`), so an
 * editor can offer the values. Aliases are found with the TypeScript checker, imports followed.
 */
/** @returns {Plugin} */
function fullTypesPlugin() {
  return {
    name: 'price-ticker: types written out',
    packageLinkPhase({ customElementsManifest }) {
      const element = elementClass(customElementsManifest);
      const program = ts.createProgram([ELEMENT_MODULE], {
        target: ts.ScriptTarget.ES2022,
        module: ts.ModuleKind.ESNext,
        moduleResolution: ts.ModuleResolutionKind.Bundler,
        strict: true,
        noEmit: true,
        skipLibCheck: true,
        types: [],
        lib: ['lib.es2023.d.ts', 'lib.dom.d.ts'],
      });
      const checker = program.getTypeChecker();
      const classNode = program
        .getSourceFile(ELEMENT_MODULE)
        ?.statements.find(
          /** @returns {s is ts.ClassDeclaration} */ (s) => ts.isClassDeclaration(s) && s.name?.text === ELEMENT_CLASS,
        );
      if (!classNode) throw new Error(`${ELEMENT_MODULE}: no class ${ELEMENT_CLASS}`);
      // The instance members include those merged in from an interface (the settable properties).
      const instanceType = checker.getTypeAtLocation(classNode);
      /** @type {(member: ClassMember) => ts.Declaration | undefined} */
      const declarationOf = (member) =>
        member.static
          ? classNode.members.find((m) => m.name?.getText() === member.name && isStatic(m))
          : instanceType.getProperty(member.name)?.declarations?.[0];

      /**
       * The declared type of the alias a reference names, if it is worth writing out.
       * @param {ts.TypeReferenceNode} reference
       */
      const expandable = (reference) => {
        let symbol = checker.getSymbolAtLocation(reference.typeName);
        if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
        const declaration = symbol?.declarations?.find(ts.isTypeAliasDeclaration);
        if (!declaration) return undefined;
        const type = declaration.type;
        const literals = ts.isUnionTypeNode(type) && type.types.every(ts.isLiteralTypeNode);
        return literals || ts.isFunctionTypeNode(type) ? type : undefined;
      };
      /** @type {(node: ts.TypeNode) => string} */
      const write = (node) => {
        if (ts.isUnionTypeNode(node)) {
          return node.types.map((t) => (ts.isFunctionTypeNode(t) ? `(${write(t)})` : write(t))).join(' | ');
        }
        if (ts.isArrayTypeNode(node)) {
          const item = write(node.elementType);
          return / [|=]> | \| /.test(item) ? `(${item})[]` : `${item}[]`;
        }
        if (ts.isTypeOperatorNode(node)) return `${ts.tokenToString(node.operator)} ${write(node.type)}`;
        if (ts.isTypeReferenceNode(node)) {
          const alias = expandable(node);
          if (alias) {
            const text = write(alias);
            return ts.isFunctionTypeNode(alias) && node.parent && ts.isUnionTypeNode(node.parent) ? `(${text})` : text;
          }
        }
        return node.getText().replace(/\s+/g, ' ');
      };

      for (const member of element.members) {
        if (member.privacy === 'private' || member.privacy === 'protected' || member.name.startsWith('#')) continue;
        const declaration = /** @type {ts.NamedDeclaration | undefined} */ (declarationOf(member));
        if (!declaration?.name) continue;
        if (member.kind === 'field') {
          const typeNode =
            ts.isPropertyDeclaration(declaration) ||
            ts.isPropertySignature(declaration) ||
            ts.isGetAccessorDeclaration(declaration)
              ? declaration.type
              : undefined;
          member.type = {
            text: typeNode ? write(typeNode) : checker.typeToString(checker.getTypeAtLocation(declaration.name)),
          };
        } else if (ts.isMethodDeclaration(declaration)) {
          const signature = checker.getSignatureFromDeclaration(declaration);
          if (!member.return?.type && signature) {
            member.return = { type: { text: checker.typeToString(signature.getReturnType()) } };
          }
          for (const parameter of member.parameters ?? []) {
            const node = declaration.parameters.find((p) => p.name.getText() === parameter.name);
            if (node && !parameter.type) {
              parameter.type = { text: checker.typeToString(checker.getTypeAtLocation(node)) };
            }
          }
        }
      }
      for (const attribute of element.attributes) {
        const field = element.members.find((m) => m.name === attribute.fieldName);
        if (field?.type) attribute.type = { ...field.type };
      }
    },
  };
}

/** @param {ts.ClassElement} node */
const isStatic = (node) => !!(ts.getCombinedModifierFlags(node) & ts.ModifierFlags.Static);

/** Descriptions on one line each (JSDoc wraps them), paragraphs kept: tables and tooltips show them as written. */
/** @returns {Plugin} */
function oneLineDescriptionsPlugin() {
  return {
    name: 'price-ticker: descriptions unwrapped',
    packageLinkPhase({ customElementsManifest }) {
      const element = elementClass(customElementsManifest);
      const { attributes, members, events, cssParts = [], cssProperties = [], cssStates = [] } = element;
      for (const item of [element, ...attributes, ...members, ...events, ...cssParts, ...cssProperties, ...cssStates]) {
        if (item.description) item.description = item.description.replace(/[ \t]*\n(?!\n)[ \t]*/g, ' ').trim();
      }
    },
  };
}

/** Records where <price-ticker> is defined: the `price-ticker` entry calls `define()` on import. */
/** @returns {Plugin} */
function definitionPlugin() {
  return {
    name: 'price-ticker: the defining module',
    packageLinkPhase({ customElementsManifest }) {
      const element = elementClass(customElementsManifest);
      const module = customElementsManifest.modules.find((m) => m.path === DEFINING_MODULE);
      if (!module) throw new Error(`custom-elements manifest: ${DEFINING_MODULE} was not analyzed`);
      (module.exports ??= []).push({
        kind: 'custom-element-definition',
        name: element.tagName ?? '',
        declaration: { name: ELEMENT_CLASS, module: ELEMENT_MODULE },
      });
    },
  };
}

/**
 * `export type { Quote } from …` exports nothing a script can import: the manifest describes the
 * JavaScript modules, so type-only exports are left out (the .d.ts files have them).
 * @returns {Plugin}
 */
function typeOnlyExportsPlugin() {
  /** @type {Map<string, Set<string>>} module path → names exported as types only */
  const typeOnly = new Map();
  return {
    name: 'price-ticker: no type-only exports',
    // The analyzer parses with its own TypeScript, whose syntax kinds are not those of this one.
    analyzePhase({ ts, node, moduleDoc }) {
      if (!ts.isExportDeclaration(node) || !node.exportClause || !ts.isNamedExports(node.exportClause)) return;
      for (const specifier of node.exportClause.elements) {
        if (!node.isTypeOnly && !specifier.isTypeOnly) continue;
        const names = typeOnly.get(moduleDoc.path) ?? new Set();
        typeOnly.set(moduleDoc.path, names.add(specifier.name.text));
      }
    },
    packageLinkPhase({ customElementsManifest }) {
      for (const module of customElementsManifest.modules) {
        const names = typeOnly.get(module.path);
        if (names && module.exports) module.exports = module.exports.filter((e) => !names.has(e.name));
      }
    },
  };
}

/**
 * A class extending a global (`Event`) is recorded as if its superclass were declared in the same
 * module; like the analyzer does for `HTMLElement`, such a superclass gets no module.
 * @returns {Plugin}
 */
function globalSuperclassesPlugin() {
  return {
    name: 'price-ticker: global superclasses',
    packageLinkPhase({ customElementsManifest }) {
      for (const module of customElementsManifest.modules) {
        const declared = new Set(module.declarations?.map((d) => d.name));
        for (const declaration of module.declarations ?? []) {
          const superclass = declaration.superclass;
          if (superclass?.module === module.path && !declared.has(superclass.name)) delete superclass.module;
        }
      }
    },
  };
}

/** Module paths as published: `src/x.ts` and `./x.js` from a module become `dist/lib/x.js`. */
/** @returns {Plugin} */
function publishedPathsPlugin() {
  /** @param {string} path */
  const published = (path) =>
    posix
      .normalize(path)
      .replace(/^src\//, 'dist/lib/')
      .replace(/\.ts$/, '.js');
  /** @param {string} from @param {string} module */
  const resolve = (from, module) => (module.startsWith('.') ? posix.join(dirname(from), module) : module);
  return {
    name: 'price-ticker: published paths',
    packageLinkPhase({ customElementsManifest }) {
      /** @type {(value: unknown, modulePath: string) => void} */
      const visit = (value, modulePath) => {
        if (Array.isArray(value)) return value.forEach((v) => visit(v, modulePath));
        if (!value || typeof value !== 'object') return;
        const node = /** @type {Record<string, unknown>} */ (value);
        if (typeof node.module === 'string') node.module = published(resolve(modulePath, node.module));
        for (const [key, child] of Object.entries(node)) if (key !== 'module') visit(child, modulePath);
      };
      for (const module of customElementsManifest.modules) {
        visit(module.declarations, module.path);
        visit(module.exports, module.path);
        module.path = published(module.path);
      }
    },
  };
}
