// Imports the three entries in Node with `window` and `document` watched: every read or write
// of either is recorded with the code that made it. Prints one JSON report for the test.
const touches = [];
for (const name of ['window', 'document']) {
  const record = (kind) => {
    // The first stack frame outside this file is the code that touched the global.
    const frame = new Error().stack
      .split('\n')
      .slice(1)
      .find((line) => !line.includes('import-entries.mjs'));
    touches.push({ name, kind, by: frame?.trim() ?? 'unknown' });
  };
  Object.defineProperty(globalThis, name, {
    configurable: true,
    get: () => (record('read'), undefined),
    set: () => {
      record('write');
    },
  });
}

const report = { entries: {}, touches };
for (const entry of ['price-ticker/format', 'price-ticker/element', 'price-ticker']) {
  const before = touches.length;
  const exports = await import(entry);
  report.entries[entry] = {
    resolved: import.meta.resolve(entry),
    exports: Object.keys(exports).sort(),
    touches: touches.length - before,
  };
}

const { formatPrice } = await import('price-ticker/format');
const { PriceTickerElement } = await import('price-ticker');
report.formatted = formatPrice('0.000008123456');
report.defined = globalThis.customElements?.get('price-ticker') === PriceTickerElement;
report.observedAttributes = PriceTickerElement.observedAttributes;
console.log(JSON.stringify(report));
