// A Vite/Rolldown plugin that keeps only the parts of decimal.js this project calls:
// construction, comparison, rounding to decimal places or significant digits, and
// conversion to a string. decimal.js is one class whose methods cannot be tree-shaken;
// everything else (trigonometry, logarithms, powers, roots, base conversions, fractions,
// random numbers, the static shortcuts, the named rounding modes, the 1,025-digit constants
// of ln 10 and π that only those need, the parsing of hex, binary and octal strings,
// construction from a BigInt, a shortcut for small integers, and config with its checks of
// the settings) is about two thirds of its bytes.
//
// The same plugin runs in the build and in the tests (vitest.config.ts), so every test runs
// against the decimal.js that ships. Calling a dropped method fails loudly
// (`x.sqrt is not a function`), never silently; in TypeScript it is a type error: ExactDecimalValue
// (src/format/decimal.ts) names these methods and their aliases only (its unit test checks that).
//
// It cuts decimal.mjs by the shape of one version: another one fails the build until the plugin
// (and ExactDecimalValue) have been checked against it and WRITTEN_FOR updated.

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The decimal.js version this plugin was written against (package.json pins it exactly). */
export const WRITTEN_FOR = '10.6.0';

/** Prototype methods kept (their long names; each one's alias goes with it). */
export const KEPT_METHODS = [
  'absoluteValue',
  'comparedTo',
  'decimalPlaces',
  'greaterThan',
  'isFinite',
  'isNegative',
  'isZero',
  'lessThan',
  'toDecimalPlaces',
  'toFixed',
  'toSignificantDigits',
  'toString',
  'valueOf',
];

/**
 * Static members kept on the constructor: clone, which src/format/decimal.ts calls. Not
 * `isDecimal`, nor `config` (alias `set`), which checks settings before it takes them:
 * clone() takes them as given instead (see below).
 */
export const KEPT_STATICS = ['clone'];

/** @returns {import('vite').Plugin} */
export function slimDecimal() {
  return {
    name: 'slim-decimal',
    enforce: 'pre',
    transform(code, id) {
      const file = id.split('?')[0] ?? '';
      if (!/decimal\.js[\\/]decimal\.mjs$/.test(file)) return null;
      return { code: slimDecimalSource(code, file), map: null };
    },
  };
}

/**
 * decimal.js's decimal.mjs (its text `code`, read from `file`) with only the kept parts.
 * Throws when the installed version or the file's shape is not the one this was written for.
 * @param {string} code
 * @param {string} file
 * @returns {string}
 */
export function slimDecimalSource(code, file) {
  const pkg = readFileSync(join(dirname(file), 'package.json'), 'utf8');
  const version = /"version":\s*"([^"]*)"/.exec(pkg)?.[1];
  if (version !== WRITTEN_FOR) {
    throw new Error(
      `slim-decimal: decimal.js ${version} is installed, the plugin was written for ${WRITTEN_FOR}: ` +
        'check what it drops and ExactDecimalValue against the new version, then update WRITTEN_FOR',
    );
  }
  let out = code.replace(/\r\n/g, '\n'); // the package ships with CRLF line ends
  /** @type {string[]} */
  const dropped = [];
  // `P.squareRoot = P.sqrt = function () {` … `};` (method bodies are indented, so the
  // first `};` at the start of a line closes the method).
  out = out.replace(/^P\.(\w+)(?: = P\.\w+)? = function[^]*?\n\};\n/gm, (block, /** @type {string} */ name) => {
    if (KEPT_METHODS.includes(name)) return block;
    dropped.push(name);
    return '';
  });
  // `  Decimal.sqrt = sqrt;`: the static shortcuts.
  out = out.replace(
    /^ {2}Decimal\.(\w+) = (?:Decimal\.set = )?([a-z]\w*);.*\n/gm,
    (line, /** @type {string} */ name) => (KEPT_STATICS.includes(name) ? line : ''),
  );
  /** `out` with `pattern` replaced; throws when it is not there. */
  const cut = (/** @type {RegExp} */ pattern, /** @type {string} */ replacement, /** @type {string} */ what) => {
    const before = out;
    out = out.replace(pattern, replacement);
    if (out === before) throw new Error(`slim-decimal: ${what} not found; update the plugin`);
  };
  // Strings other than decimals (hex, binary, octal, `1_000`, `Infinity`, `NaN`) never reach
  // the constructor here: parseDecimal checks the grammar first. Parsing them pulls in base
  // conversion and powers; a stub that throws keeps decimal.js's own error instead.
  const stub = 'function parseOther(x, str) {\n  throw Error(invalidArgument + str);\n}\n';
  cut(/^function parseOther\(x, str\) \{\n[^]*?\n\}\n/m, stub, 'parseOther');
  // A BigInt is none of the values a kept method takes (DecimalInput): the constructor then
  // throws decimal.js's own `Invalid argument` error, as for any other type.
  cut(/^ {4}if \(t === 'bigint'\) \{\n[^]*?\n {4}\}\n/m, '', 'the BigInt branch of the constructor');
  // A small integer is read through its digits like any other number, to the same sign,
  // exponent and digits (the same maxE/minE checks too): only the shortcut for it goes.
  cut(
    /^ {6}\/\/ Fast path for small integers\.\n[^]*?\n {8}return;\n {6}\}\n\n/m,
    '',
    'the small-integer shortcut of the constructor',
  );
  // The named rounding modes (`Decimal.ROUND_HALF_UP = 4;`) and EUCLID (a mode of the dropped
  // modulo): no kept method reads them, each takes a mode as its number (Rounding in
  // src/format/decimal.ts). `Decimal.ROUND_HALF_UP` is then undefined: write the number.
  cut(/^ {2}Decimal\.ROUND_UP = 0;\n(?: {2}Decimal\.\w+ = \d;\n)+/m, '', 'the rounding-mode constants');
  // clone() takes its settings as given, without config()'s checks, each one not given from
  // the constructor it is called on: the one clone made (ExactDecimal, src/format/decimal.ts)
  // passes constant, valid ones. (The base constructor is clone(DEFAULTS), with no `this`.)
  cut(
    /^ {2}if \(obj === void 0\) obj = \{\};\n[^]*?\n {2}Decimal\.config\(obj\);\n/m,
    '  Object.assign(Decimal, this, obj);\n',
    'the settings of clone',
  );
  // The ln(10) and π digits are only read by dropped functions, so no Decimal is made of them.
  out = out.replace(/^( {2}(?:LN10|PI) = )'[\d.]+'/gm, "$1'0'");
  cut(/^LN10 = new Decimal\(LN10\);\nPI = new Decimal\(PI\);\n/m, '', 'the ln(10) and π Decimals');
  const kept = KEPT_METHODS.filter((m) => new RegExp(`^P\\.${m} `, 'm').test(out));
  if (kept.length !== KEPT_METHODS.length || dropped.length < 30) {
    throw new Error('slim-decimal: decimal.mjs no longer has the expected shape; update the plugin');
  }
  return out;
}
