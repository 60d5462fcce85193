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

/** The end of a script that failed: its stack on stderr, exit status 1. */
function fail(error) {
  console.error(error && error.stack || String(error));
  process.exit(1);
}

module.exports = { withChromium, fail };
