#!/usr/bin/env node
/*
 * Reads the donor dashboard the way a donor does, in headless Chromium, and prints what it reads as
 * one JSON line per step on stdout:
 *   {"step":"global",...}   headline figures, the country's row, charts and accessibility checks
 *   {"step":"country",...}  the country page, reached from the country table with the keyboard
 *   {"step":"waiting",...}  the page is live; the caller now publishes a new submission
 *   {"step":"updated",...}  the new figure, read without reloading the page
 * Usage: node donor-dashboard.js <base-url> <ISO3> <year>
 */
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const { chromium } = require('playwright-core');

const [baseUrl, country, year] = process.argv.slice(2);
if (!baseUrl || !country || !year) {
  console.error('usage: node donor-dashboard.js <base-url> <ISO3> <year>');
  process.exit(2);
}
const TIMEOUT = 30000;

function emit(step, data) {
  process.stdout.write(JSON.stringify(Object.assign({ step }, data)) + '\n');
}

async function text(page, selector) {
  return (await page.locator(selector).first().innerText()).trim();
}

async function accessibility(page) {
  return page.evaluate(() => {
    const unlabelled = [...document.querySelectorAll('select, input, button')].filter(el => {
      const id = el.id;
      return !(el.getAttribute('aria-label') || el.getAttribute('aria-labelledby')
        || (id && document.querySelector('label[for="' + id + '"]')));
    }).length;
    const canvases = [...document.querySelectorAll('canvas')];
    return {
      unlabelledControls: unlabelled,
      charts: canvases.length,
      chartsWithoutLabel: canvases.filter(c => !c.getAttribute('aria-label') && !c.getAttribute('aria-labelledby')).length,
      chartsDrawn: canvases.filter(c => window.Chart && window.Chart.getChart(c)).length,
      liveRegion: !!document.querySelector('[aria-live="polite"]'),
      skipLink: !!document.querySelector('a.skip-link[href="#main"]'),
      lang: document.documentElement.lang
    };
  });
}

(async () => {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'spmonitor-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1280, height: 1000 }
  });
  try {
    const page = context.pages()[0] || await context.newPage();
    page.setDefaultTimeout(TIMEOUT);
    const errors = [];
    page.on('pageerror', e => errors.push(String(e)));
    page.on('console', m => { if (m.type() === 'error') { errors.push(m.text()); } });

    await page.goto(baseUrl + '/#/?year=' + year);
    await page.waitForSelector('body[data-view="global"] [data-figure="activeBeneficiaries"]');
    await page.waitForSelector('body[data-live="on"]');
    const row = page.locator('#country-table tr[data-country="' + country + '"]');
    await row.waitFor();
    await page.screenshot({ path: path.join(os.tmpdir(), 'spmonitor-donor-dashboard-global-' + year + '.png'), fullPage: true });
    emit('global', {
      title: await text(page, 'h1'),
      activeBeneficiaries: await text(page, '[data-figure="activeBeneficiaries"]'),
      coverageRate: await text(page, '[data-figure="coverageRate"]'),
      executedUsd: await text(page, '[data-figure="executedUsd"]'),
      countryCount: await text(page, '[data-figure="countryCount"]'),
      countryRow: {
        active: (await row.locator('[data-col="active"]').innerText()).trim(),
        coverage: (await row.locator('[data-col="coverage"]').innerText()).trim(),
        executedUsd: (await row.locator('[data-col="executedUsd"]').innerText()).trim()
      },
      accessibility: await accessibility(page),
      errors
    });

    // to the country page with the keyboard: focus the country's link, press Enter
    await row.locator('a').focus();
    await page.keyboard.press('Enter');
    await page.waitForSelector('body[data-view="country"] h1:has-text("' + country + '")');
    await page.screenshot({ path: path.join(os.tmpdir(), 'spmonitor-donor-dashboard-' + country + '.png'), fullPage: true });
    emit('country', {
      url: page.url(),
      title: await text(page, 'h1'),
      activeBeneficiaries: await text(page, '[data-figure="activeBeneficiaries"]'),
      newBeneficiaries: await text(page, '[data-figure="newBeneficiaries"]'),
      coverageRate: await text(page, '[data-figure="coverageRate"]'),
      executedUsd: await text(page, '[data-figure="countryExecutedUsd"]'),
      executionRate: await text(page, '[data-figure="countryExecutionRate"]'),
      shareOfGdp: await text(page, '[data-figure="countryShareOfGdp"]'),
      accessibility: await accessibility(page),
      errors
    });

    // live: mark this page, wait for the new submission, check the mark survived (no reload)
    const before = await text(page, '[data-figure="activeBeneficiaries"]');
    await page.evaluate(() => { window.__spmonitorMark = 'same page'; });
    emit('waiting', { activeBeneficiaries: before });
    await page.waitForFunction(
      old => {
        const el = document.querySelector('[data-figure="activeBeneficiaries"]');
        return el && el.innerText.trim() !== old;
      }, before, { timeout: TIMEOUT });
    emit('updated', {
      activeBeneficiaries: await text(page, '[data-figure="activeBeneficiaries"]'),
      coverageRate: await text(page, '[data-figure="coverageRate"]'),
      mark: await page.evaluate(() => window.__spmonitorMark || null),
      announced: await text(page, '#announcer'),
      errors
    });
  } finally {
    await context.close();
    fs.rmSync(userDataDir, { recursive: true, force: true });
  }
})().catch(error => {
  console.error(error && error.stack || String(error));
  process.exit(1);
});
