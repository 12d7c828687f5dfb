// A Vitest reporter that closes the run with one plain line per project (unit, then each browser
// engine) and one for the whole run, e.g.
//   firefox: 212 passed, 0 failed, 3 skipped
//   tests: 1050 passed, 0 failed, 3 skipped
// so that a reader (or CI) sees per engine what ran. It writes the counts to the file named by
// SUMMARY_FILE, for scripts/test.mjs to check that every required engine ran tests.
import { writeFileSync } from 'node:fs';

/** @typedef {{ passed: number, failed: number, skipped: number }} Counts */

/** @typedef {import('vitest/node').Reporter} Reporter */

/** @implements {Reporter} */
export default class SummaryReporter {
  /** @param {ReadonlyArray<import('vitest/node').TestModule>} testModules */
  onTestRunEnd(testModules) {
    /** @type {Map<string, Counts>} */
    const projects = new Map();
    for (const module of testModules) {
      // A browser instance is named `<project> (<browser>)`: the project's name is the engine's.
      const name = (module.project.name || 'default').replace(/ \(.*\)$/, '');
      const counts = projects.get(name) ?? { passed: 0, failed: 0, skipped: 0 };
      projects.set(name, counts);
      // A file that failed to load has no tests but counts as a failure.
      if (module.state() === 'failed' && ![...module.children.allTests()].length) counts.failed++;
      for (const test of module.children.allTests()) {
        // Not selected (a project's testNamePattern, or .skip in the source): not counted. A test
        // that skips itself while running (context.skip, saying why) counts as skipped.
        if (test.options.mode === 'skip' || test.options.mode === 'todo') continue;
        const state = test.result().state;
        if (state === 'passed') counts.passed++;
        else if (state === 'failed') counts.failed++;
        else counts.skipped++;
      }
    }
    const line = (/** @type {string} */ name, /** @type {Counts} */ c) =>
      `${name}: ${c.passed} passed, ${c.failed} failed${c.skipped ? `, ${c.skipped} skipped` : ''}`;
    const total = { passed: 0, failed: 0, skipped: 0 };
    /** @type {string[]} */
    const lines = [];
    for (const [name, c] of [...projects].sort(([a], [b]) => a.localeCompare(b))) {
      lines.push(line(name, c));
      total.passed += c.passed;
      total.failed += c.failed;
      total.skipped += c.skipped;
    }
    lines.push(line('tests', total));
    console.log(`\n${lines.join('\n')}`);
    if (process.env.SUMMARY_FILE) writeFileSync(process.env.SUMMARY_FILE, JSON.stringify(Object.fromEntries(projects)));
  }
}
