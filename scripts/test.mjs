// `npm test`: type check, then unit tests (Node) and browser tests (Chromium) in one run.
// Extra arguments are passed to Vitest (e.g. `npm test -- --project unit`).
import { spawnSync } from 'node:child_process';
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
run('npx', ['vitest', 'run', ...extra], env);
