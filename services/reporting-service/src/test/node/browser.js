/*
 * Headless Chromium for the browser tests: Debian's (CHROMIUM_PATH, default /usr/bin/chromium), never a
 * downloaded one, in a throw-away profile that is removed afterwards.
 */
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const { chromium } = require('playwright-core');

/** Runs use(context) in a fresh persistent context; options add to or override the defaults. */
async function withChromium(options, use) {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'spmonitor-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, Object.assign({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1280, height: 1000 }
  }, options));
  try {
    return await use(context);
  } finally {
    await context.close();
    fs.rmSync(userDataDir, { recursive: true, force: true });
  }
}

/**
 * A tab that starts signed in: the access token is put into sessionStorage (spmonitor.accessToken) before
 * the page loads, so the test does not depend on the sign-in UI. Page errors and console errors are kept
 * in page.errors, but those matching ignore (a RegExp: e.g. a 400 the page is expected to show).
 */
async function signedInPage(context, token, timeout, ignore) {
  const page = await context.newPage();
  page.setDefaultTimeout(timeout);
  await page.addInitScript(([key, value]) => sessionStorage.setItem(key, value), ['spmonitor.accessToken', token]);
  const errors = [];
  page.on('pageerror', e => errors.push(String(e)));
  page.on('console', m => { if (m.type() === 'error' && !(ignore && ignore.test(m.text()))) { errors.push(m.text()); } });
  page.errors = errors;
  return page;
}

/** Serious and critical axe-core violations of WCAG 2.1 A/AA on the page, as {passes, serious: [{id, impact, nodes}]}. */
async function axe(page) {
  const { default: AxeBuilder } = require('@axe-core/playwright');
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return {
    passes: results.passes.length,
    serious: results.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
      .map(v => ({ id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ')) }))
  };
}

/** The end of a script that failed: its stack on stderr, exit status 1. */
function fail(error) {
  console.error(error && error.stack || String(error));
  process.exit(1);
}

module.exports = { withChromium, signedInPage, axe, fail };
