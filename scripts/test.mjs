// `npm test`: type check, then unit tests (Node) and browser tests in every engine found
// (Chromium, Firefox, WebKit: scripts/find-engines.mjs) in one run. It says which engines ran,
// and closes with one `N passed, N failed` line per project and one for the whole run.
// REQUIRE_ENGINES=chromium,firefox,webkit (as CI sets it) installs missing engines (as root)
// and fails unless each of them ran tests. ENGINES=firefox runs only that engine.
// Extra arguments are passed to Vitest (e.g. `npm test -- --project unit`).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ENGINE_NAMES, findEngines, howToGet } from './find-engines.mjs';

/**
 * @param {string} cmd
 * @param {string[]} args
 * @param {NodeJS.ProcessEnv} [env]
 */
function run(cmd, args, env = process.env) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', env });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const list = (/** @type {string | undefined} */ value) =>
  (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
const extra = process.argv.slice(2);
const onlyUnit = extra.includes('unit') && !ENGINE_NAMES.some((e) => extra.includes(e));
const required = list(process.env.REQUIRE_ENGINES);
const env = { ...process.env };
/** @type {string[]} */
let engines = [];
if (!onlyUnit) {
  const found = await findEngines(required);
  const wanted = list(process.env.ENGINES);
  engines = ENGINE_NAMES.filter((e) => found[e] && (wanted.length === 0 || wanted.includes(e)));
  for (const e of ENGINE_NAMES)
    if (found[e])
      console.log(`${e}: ${found[e].version} (${found[e].path})${engines.includes(e) ? '' : ', not run (ENGINES)'}`);
  for (const e of ENGINE_NAMES) if (!found[e]) console.log(`${e}: not found, not run (${howToGet(e)})`);
  const missing = required.filter((e) => !engines.includes(e));
  if (missing.length > 0) {
    console.error(`Required engines missing: ${missing.join(', ')}.`);
    process.exit(1);
  }
  if (found.chromium) env.CHROMIUM_PATH = found.chromium.path;
  if (found.firefox) env.FIREFOX_PATH = found.firefox.path;
  env.ENGINES = engines.join(',');
}

run('npx', ['tsc', '--noEmit', '-p', 'tsconfig.json'], env);

// Per-project counts, for checking that every engine asked for ran tests.
const summary = join(mkdtempSync(join(tmpdir(), 'price-ticker-')), 'summary.json');
const vitest = spawnSync(
  'npx',
  ['vitest', 'run', '--reporter=default', '--reporter=./scripts/summary-reporter.mjs', ...extra],
  {
    stdio: 'inherit',
    env: { ...env, SUMMARY_FILE: summary },
  },
);
/** @typedef {Record<string, import('./summary-reporter.mjs').Counts>} CountsByProject */
/** @type {CountsByProject} */
let counts = {};
try {
  /** @type {unknown} */
  const parsed = JSON.parse(readFileSync(summary, 'utf8'));
  counts = /** @type {CountsByProject} */ (parsed);
} catch {
  // No summary: Vitest failed before running; its own output says why.
}
if (Object.values(counts).every((c) => c.passed + c.failed === 0)) {
  console.error('No test ran.');
  process.exit(1);
}
const silent = required.filter((e) => !((counts[e]?.passed ?? 0) > 0));
if (silent.length > 0) {
  console.error(`Required engines ran no test: ${silent.join(', ')}.`);
  process.exit(1);
}
process.exit(vitest.status ?? 1);
