'use strict';
/*
 * Runs a browser script in Debian's Chromium (never a downloaded browser): a persistent context in a
 * fresh profile directory, removed afterwards; any error is printed and exits with status 1.
 */
const fs = require('fs');
const os = require('os');
const path = require('path');
const { chromium } = require('playwright-core');

function withChromium(options, body) {
  (async () => {
    const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'spmonitor-chromium-'));
    const context = await chromium.launchPersistentContext(userDataDir, Object.assign({
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      viewport: { width: 1280, height: 1000 }
    }, options));
    try {
      await body(context);
    } finally {
      await context.close();
      fs.rmSync(userDataDir, { recursive: true, force: true });
    }
  })().catch(error => {
    console.error(error && error.stack || String(error));
    process.exit(1);
  });
}

module.exports = { withChromium };
