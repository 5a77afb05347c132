// Lighthouse on several pages with one Chromium: for mlp_devtools/lighthouse.py.
//
//   CHROME_PATH=/usr/bin/chromium node benchmarks/lighthouse_pages.mjs [--categories=a,b] OUT.json URL...
//
// Runs Lighthouse (npm lighthouse@12.2.3, its Node API) with its default settings: the mobile
// preset (a mid-range phone, simulated slow 4G, 4x CPU slowdown), every category, or only the
// categories given (ids: performance, accessibility, best-practices, seo).
//
// The pages run one after another, each in its own tab of the one Chromium, starting with the
// cache and the site's storage cleared, as a first visit.  Starting Node and Chromium once
// instead of once per page (the CLI) saves several seconds per page.
//
// With performance (benchmarks/bench_lighthouse.py), each page is loaded once and that load is
// scored twice: with the preset's 4x CPU slowdown, and with the slowdown Lighthouse's
// documentation calibrates for this machine's measured speed (the load's "benchmarkIndex";
// docs/throttling.md, "Calibrating the CPU slowdown": the 4x assumes a desktop of index about
// 1500; its calculator gives 3x at 1300, 4x at 1533, 6x at 2000).  Under simulated throttling
// the load itself is never slowed down: the multiplier only scales the CPU time of the recorded
// trace when Lighthouse simulates the phone, so both scores come from the same recorded load.
//
// Without performance (the CI checks of tests/test_gate_lighthouse.py: accessibility, best
// practices, SEO) nothing of the load's timing is scored.  onlyCategories already leaves out
// the trace, the bf-cache navigation and every trace-based audit; CHECKS_FLAGS below also
// leaves out the full-page screenshot, and the load is scored once (no calibrated scoring).
// CHECKS_FLAGS also leaves out the quiet windows after the load (see there).
// Every other setting stays the preset's, because these checks read it: the mobile form factor
// and screen (the font-size audit does not apply on desktop, image-size-responsive compares
// each image with the phone's pixel ratio).  The throttling method stays
// 'simulate': under it the load is not throttled at all (only performance audits simulate the
// phone, afterwards), whereas 'provided' or 'devtools' make Lighthouse raise its four quiet
// windows from 1 s to 5.25 s (core/config/config.js, overrideThrottlingWindows): measured here,
// about 11 s of waiting per page instead of 2.7 s.
//
// OUT.json: one entry per URL, in order, with what the test needs from each report:
//   {"url", "categories": {id: score 0..1}, "weights": {category: {audit id: weight}},
//    "audits": {id: {"score", "displayValue", "numericValue"}}, "error": null or a message,
//    "benchmarkIndex", "cpuSlowdownMultiplier" (4), "calibrated": the same keys, scored with
//    the calibrated multiplier (null without performance, and null with "calibrationError"
//    for an index under 150)}

import fs from 'node:fs';
import {pathToFileURL} from 'node:url';
import * as chromeLauncher from 'chrome-launcher';
import {navigationGather} from 'lighthouse/core/gather/navigation-runner.js';
import {Runner} from 'lighthouse/core/runner.js';

const CHROME_FLAGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Lighthouse settings (its documented flags) for a run that does not score performance: no
 * full-page screenshot (only the HTML report shows it; on a long page at the phone's pixel
 * ratio it took 1.2-1.9 s of each run), and no quiet windows after the load: by default
 * Lighthouse waits after first paint, after the load event, and for network and CPU quiet (at
 * least 1 s each), which only a trace of the load needs.  The pages are static once loaded
 * (what their scripts do after the load, and any console error, is gate 1's:
 * tests/test_browser.py waits for every request to end); measured in one run, 20 pages in two
 * Chromiums: 58.5 and 61.1 s without the windows, 74.5 and 75.1 s with them. */
export const CHECKS_FLAGS = {disableFullPageScreenshot: true, pauseAfterFcpMs: 0,
  pauseAfterLoadMs: 0, networkQuietThresholdMs: 0, cpuQuietThresholdMs: 0};

/** The parts of a Lighthouse result (LHR) the test reports on. */
function summary(url, lhr) {
  const categories = {};
  const weights = {};
  for (const [id, category] of Object.entries(lhr.categories)) {
    categories[id] = category.score;
    weights[id] = Object.fromEntries(category.auditRefs.map(ref => [ref.id, ref.weight]));
  }
  const audits = {};
  for (const [id, audit] of Object.entries(lhr.audits)) {
    audits[id] = {score: audit.score, displayValue: audit.displayValue ?? '',
      numericValue: audit.numericValue ?? null};
  }
  const error = lhr.runtimeError ? `${lhr.runtimeError.code}: ${lhr.runtimeError.message}` : null;
  return {url, categories, weights, audits, error,
    benchmarkIndex: lhr.environment.benchmarkIndex,
    cpuSlowdownMultiplier: lhr.configSettings.throttling.cpuSlowdownMultiplier};
}

/**
 * The CPU slowdown that makes a host of Lighthouse's `benchmarkIndex` emulate the preset's
 * phone: the formula of Lighthouse's CPU throttling calculator (linked from its
 * docs/throttling.md), 1x at index 150, 2x at 800, 3x at 1300, then one more per 233.
 */
export function calibratedMultiplier(benchmarkIndex) {
  if (!(benchmarkIndex >= 150)) {
    throw new Error(`benchmarkIndex ${benchmarkIndex}: expected at least 150 (below it ` +
      "Lighthouse's calculator has no multiplier: the host is slower than the phone)");
  }
  if (benchmarkIndex >= 1300) return 3 + (benchmarkIndex - 1300) / 233;
  if (benchmarkIndex >= 800) return 2 + (benchmarkIndex - 800) / 500;
  return 1 + (benchmarkIndex - 150) / 650;
}

/** Load `url` once; its summary under the preset, with `calibrated`: the same load scored with
 * the slowdown calibrated for the benchmarkIndex Lighthouse measured before it. */
async function measure(url, flags) {
  const {artifacts, runnerOptions} = await navigationGather(undefined, url, {flags});
  const preset = summary(url, (await Runner.audit(artifacts, runnerOptions)).lhr);
  if (!('performance' in preset.categories)) return {...preset, calibrated: null};
  const settings = structuredClone(runnerOptions.resolvedConfig.settings);
  try {
    settings.throttling.cpuSlowdownMultiplier = calibratedMultiplier(artifacts.BenchmarkIndex);
  } catch (error) {  // a host too slow to calibrate: the preset's scores only
    return {...preset, calibrated: null, calibrationError: String(error)};
  }
  const calibrated = await Runner.audit({...artifacts, settings},
    {resolvedConfig: {...runnerOptions.resolvedConfig, settings}, computedCache: new Map()});
  return {...preset, calibrated: summary(url, calibrated.lhr)};
}

async function main() {
  const args = process.argv.slice(2);
  const only = args[0]?.startsWith('--categories=') ? args.shift().split('=')[1].split(',') : null;
  const [out, ...urls] = args;
  if (!out || urls.length === 0) {
    console.error('usage: node benchmarks/lighthouse_pages.mjs [--categories=a,b] OUT.json URL...');
    process.exit(2);
  }
  const chrome = await chromeLauncher.launch({
    chromePath: process.env.CHROME_PATH, chromeFlags: CHROME_FLAGS, logLevel: 'error'});
  const results = [];
  try {
    for (const url of urls) {
      try {
        const flags = {port: chrome.port, output: 'json', logLevel: 'error'};
        if (only) flags.onlyCategories = only;
        if (only && !only.includes('performance')) Object.assign(flags, CHECKS_FLAGS);
        results.push(await measure(url, flags));
      } catch (error) {
        results.push({url, categories: {}, weights: {}, audits: {}, error: String(error)});
      }
    }
  } finally {
    chrome.kill();
  }
  fs.writeFileSync(out, JSON.stringify(results));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
