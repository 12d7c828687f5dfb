// A Vite/Rolldown plugin that drops the parts of decimal.js this project never calls:
// trigonometry, logarithms, powers, roots, base conversions, fractions and random numbers,
// with the 1,025-digit constants of ln(10) and π that only those need. decimal.js is one
// class whose methods cannot be tree-shaken, and these parts are about half of its bytes.
// The arithmetic, rounding and string conversion we use are left untouched.
//
// The same plugin runs in the build and in the tests (vitest.config.ts), so every test
// runs against the decimal.js that ships. Calling a dropped method fails loudly
// (`x.sqrt is not a function`), never silently.

/** Prototype methods (either of their names) removed from `decimal.mjs`. */
export const DROPPED_METHODS = [
  'cosine', 'cubeRoot', 'clampedTo', 'hyperbolicCosine', 'hyperbolicSine', 'hyperbolicTangent',
  'inverseCosine', 'inverseHyperbolicCosine', 'inverseHyperbolicSine', 'inverseHyperbolicTangent',
  'inverseSine', 'inverseTangent', 'logarithm', 'naturalExponential', 'naturalLogarithm', 'sine',
  'squareRoot', 'tangent', 'toBinary', 'toFraction', 'toHexadecimal', 'toNearest', 'toOctal', 'toPower',
];

/** Static functions removed from the constructor. */
export const DROPPED_STATICS = [
  'acos', 'acosh', 'asin', 'asinh', 'atan', 'atanh', 'atan2', 'cbrt', 'clamp', 'cos', 'cosh', 'exp',
  'hypot', 'ln', 'log', 'log10', 'log2', 'pow', 'random', 'sin', 'sinh', 'sqrt', 'tan', 'tanh',
];

export function slimDecimal() {
  return {
    name: 'slim-decimal',
    enforce: 'pre',
    transform(code, id) {
      if (!/decimal\.js[\\/]decimal\.mjs$/.test(id.split('?')[0])) return null;
      let out = code.replace(/\r\n/g, '\n'); // the package ships with CRLF line ends
      // `P.squareRoot = P.sqrt = function () {` … `};` (method bodies are indented, so the
      // first `};` at the start of a line closes the method).
      out = out.replace(/^P\.(\w+)(?: = P\.\w+)? = function[^]*?\n\};\n/gm, (block, name) =>
        DROPPED_METHODS.includes(name) ? '' : block,
      );
      out = out.replace(/^ {2}Decimal\.(\w+) = \w+;.*\n/gm, (line, name) => (DROPPED_STATICS.includes(name) ? '' : line));
      // The ln(10) and π digits are only read by the removed functions.
      out = out.replace(/^( {2}(?:LN10|PI) = )'[\d.]+'/gm, "$1'0'");
      const removed = DROPPED_METHODS.filter((m) => !new RegExp(`^P\\.${m} `, 'm').test(out));
      if (removed.length !== DROPPED_METHODS.length || out === code) {
        throw new Error('slim-decimal: decimal.mjs no longer has the expected shape; update the plugin');
      }
      return { code: out, map: null };
    },
  };
}
