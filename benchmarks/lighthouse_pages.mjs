// Lighthouse on several pages with one Chromium: for benchmarks/_lighthouse.py.
//
//   CHROME_PATH=/usr/bin/chromium node benchmarks/lighthouse_pages.mjs [--categories=a,b] OUT.json URL...
//
// Runs Lighthouse (npm lighthouse@12.2.3, its Node API) with its default settings: the mobile
// preset (a mid-range phone, simulated slow 4G, 4x CPU slowdown), every category, or only the
// categories given (ids: performance, accessibility, best-practices, seo).  The pages
// run one after another in one Chromium (in parallel they would slow each other's CPU down,
// which Lighthouse reads as blocking time); each run opens its own tab and starts with the
// cache and the site's storage cleared, as a first visit.  Starting Node and Chromium once
// instead of once per page (the CLI) saves several seconds per page.
//
// OUT.json: one entry per URL, in order, with what the test needs from each report:
//   {"url", "categories": {id: score 0..1}, "weights": {category: {audit id: weight}},
//    "audits": {id: {"score", "displayValue", "numericValue"}}, "error": null or a message}

import fs from 'node:fs';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';

const CHROME_FLAGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

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
  return {url, categories, weights, audits, error};
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
        const result = await lighthouse(url, flags);
        results.push(summary(url, result.lhr));
      } catch (error) {
        results.push({url, categories: {}, weights: {}, audits: {}, error: String(error)});
      }
    }
  } finally {
    chrome.kill();
  }
  fs.writeFileSync(out, JSON.stringify(results));
}

await main();
