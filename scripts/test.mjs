// `npm test`: type check, then unit tests (Node) and browser tests (Chromium) in one run.
// Extra arguments are passed to Vitest (e.g. `npm test -- --project unit`).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findChromium } from './find-chromium.mjs';

function run(cmd, args, env = process.env) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', env });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const extra = process.argv.slice(2);
const wantsBrowser = !extra.includes('unit');
const env = { ...process.env };
if (wantsBrowser) {
  const chromium = await findChromium();
  if (!chromium) {
    console.error('No Chromium found: install one (e.g. `sudo apt-get install -y chromium`) or set CHROMIUM_PATH=/path/to/chrome.');
    process.exit(1);
  }
  env.CHROMIUM_PATH = chromium;
  console.log(`Chromium: ${chromium}`);
}

run('npx', ['tsc', '--noEmit', '-p', 'tsconfig.json'], env);

// A JSON report next to the usual one, for a plain closing line that any CI can read.
const report = join(mkdtempSync(join(tmpdir(), 'price-ticker-')), 'vitest.json');
const vitest = spawnSync('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...extra], {
  stdio: 'inherit',
  env,
});
try {
  const r = JSON.parse(readFileSync(report, 'utf8'));
  const skipped = r.numPendingTests + r.numTodoTests;
  console.log(`tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ''}`);
  if (r.numTotalTests === 0) {
    console.error('No test ran.');
    process.exit(1);
  }
} catch {
  // No report: Vitest failed before running; its own output says why.
}
process.exit(vitest.status ?? 1);
