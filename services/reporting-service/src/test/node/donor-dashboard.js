#!/usr/bin/env node
/*
 * Reads the donor dashboard the way a donor does, in headless Chromium, and prints what it reads as
 * one JSON line per step on stdout:
 *   {"step":"signin",...}   a tab without a token: the sign-in dialog, a wrong then the right secret
 *                           against a fake token endpoint (Playwright answers the page's POST to
 *                           .../oauth2/token), the dashboard, then "Sign out"
 *   {"step":"global",...}   a tab whose sessionStorage holds the viewer token before the page loads:
 *                           headline figures, the country's row, charts and accessibility checks
 *   {"step":"country",...}  the country page, reached from the country table with the keyboard, and
 *                           its CSV downloaded with the token
 *   {"step":"waiting",...}  the page is live; the caller now publishes a new submission
 *   {"step":"updated",...}  the new figure, read without reloading the page
 * Usage: SPMONITOR_VIEWER_TOKEN=<jwt> node donor-dashboard.js <base-url> <ISO3> <year>
 * The token is what the fake token endpoint issues and what the second tab starts with; it is never
 * printed.
 */
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const { withChromium } = require('./chromium');

const [baseUrl, country, year] = process.argv.slice(2);
const token = process.env.SPMONITOR_VIEWER_TOKEN;
if (!baseUrl || !country || !year || !token) {
  console.error('usage: SPMONITOR_VIEWER_TOKEN=<jwt> node donor-dashboard.js <base-url> <ISO3> <year>');
  process.exit(2);
}
const TIMEOUT = 30000;
const TOKEN_KEY = 'spmonitor.accessToken';
const DEMO_CLIENT = 'demo-viewer:demo-viewer-secret';

function emit(step, data) {
  process.stdout.write(JSON.stringify(Object.assign({ step }, data)) + '\n');
}

async function text(page, selector) {
  return (await page.locator(selector).first().innerText()).trim();
}

async function accessibility(page) {
  return page.evaluate(() => {
    const labelled = el => el.getAttribute('aria-label') || el.getAttribute('aria-labelledby')
      || (el.id && document.querySelector('label[for="' + el.id + '"]'))
      || (el.tagName === 'BUTTON' && el.textContent.trim());
    const unlabelled = [...document.querySelectorAll('select, input, button')].filter(el => !labelled(el)).length;
    const canvases = [...document.querySelectorAll('canvas')];
    const dialog = document.getElementById('sign-in');
    return {
      unlabelledControls: unlabelled,
      charts: canvases.length,
      chartsWithoutLabel: canvases.filter(c => !c.getAttribute('aria-label') && !c.getAttribute('aria-labelledby')).length,
      chartsDrawn: canvases.filter(c => window.Chart && window.Chart.getChart(c)).length,
      liveRegion: !!document.querySelector('[aria-live="polite"]'),
      skipLink: !!document.querySelector('a.skip-link[href="#main"]'),
      dialogLabelled: !!(dialog && document.getElementById(dialog.getAttribute('aria-labelledby'))),
      lang: document.documentElement.lang
    };
  });
}

/** Every request the page makes: whether API calls carry a bearer token, and whether a URL holds the token. */
function watchRequests(page) {
  const seen = { api: 0, apiWithoutBearer: [], stream: 0, streamWithBearer: 0, tokenInUrl: 0 };
  page.on('request', async request => {
    const url = request.url();
    if (url.includes(token)) { seen.tokenInUrl++; }
    if (!url.startsWith(baseUrl + '/api/')) { return; }
    seen.api++;
    const headers = await request.allHeaders();
    const bearer = (headers.authorization || '') === 'Bearer ' + token;
    if (!bearer) { seen.apiWithoutBearer.push(request.method() + ' ' + url.substring(baseUrl.length)); }
    if (url.includes('/api/v1/dashboards/stream')) {
      seen.stream++;
      if (bearer) { seen.streamWithBearer++; }
    }
  });
  return seen;
}

function watchErrors(page, ignore) {
  const errors = [];
  page.on('pageerror', e => errors.push(String(e)));
  page.on('console', m => {
    if (m.type() === 'error' && !(ignore && ignore(m))) { errors.push(m.text()); }
  });
  return errors;
}

/** A stand-in for the token issuer: demo-viewer's client-credentials grant gets the viewer token. */
async function fakeTokenEndpoint(page) {
  const calls = [];
  const origin = new URL(baseUrl).origin;
  await page.route('**/oauth2/token', async route => {
    const request = route.request();
    const cors = { 'Access-Control-Allow-Origin': origin, Vary: 'Origin', 'Cache-Control': 'no-store' };
    if (request.method() === 'OPTIONS') {
      await route.fulfill({ status: 204, headers: Object.assign({ 'Access-Control-Allow-Methods': 'POST',
        'Access-Control-Allow-Headers': 'authorization, content-type' }, cors) });
      return;
    }
    const authorization = (await request.allHeaders()).authorization || '';
    const client = authorization.startsWith('Basic ') ? Buffer.from(authorization.substring(6), 'base64').toString('utf8') : '';
    const body = request.postData() || '';
    calls.push({ method: request.method(), basicAuth: authorization.startsWith('Basic '), body,
      secretInUrl: request.url().includes('secret'), granted: client === DEMO_CLIENT });
    if (request.method() === 'POST' && body === 'grant_type=client_credentials' && client === DEMO_CLIENT) {
      await route.fulfill({ status: 200, contentType: 'application/json', headers: cors,
        body: JSON.stringify({ access_token: token, token_type: 'Bearer', expires_in: 3600 }) });
    } else {
      await route.fulfill({ status: 401, contentType: 'application/json',
        headers: Object.assign({ 'WWW-Authenticate': 'Basic' }, cors), body: JSON.stringify({ error: 'invalid_client' }) });
    }
  });
  return calls;
}

async function signIn(context) {
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT);
  // the refused wrong secret shows up as a failed resource load of the token endpoint: expected
  const errors = watchErrors(page, m => (m.location().url || '').includes('/oauth2/token'));
  const requests = watchRequests(page);
  const tokenCalls = await fakeTokenEndpoint(page);
  const state = () => page.evaluate(key => ({
    dialogOpen: document.getElementById('sign-in').open,
    modal: document.getElementById('sign-in').matches(':modal'),
    focused: document.activeElement && document.activeElement.id,
    clientId: document.getElementById('client-id').value,
    error: document.getElementById('sign-in-error').textContent.trim(),
    secretInvalid: document.getElementById('client-secret').getAttribute('aria-invalid'),
    tokenEndpoint: document.getElementById('token-endpoint').textContent.trim(),
    sessionToken: sessionStorage.getItem(key) !== null,
    localStorageItems: localStorage.length,
    figures: document.querySelectorAll('[data-figure]').length,
    heading: (document.querySelector('main h1') || { textContent: '' }).textContent.trim(),
    live: document.body.dataset.live || null,
    account: document.getElementById('account-button').textContent.trim(),
    signedInAs: document.getElementById('signed-in-as').textContent.trim()
  }), TOKEN_KEY);

  await page.goto(baseUrl + '/#/?year=' + year);
  await page.waitForSelector('dialog#sign-in[open]');
  await page.waitForFunction(() => document.activeElement && document.activeElement.id === 'client-secret');
  const opened = await state();
  const dialogA11y = await accessibility(page);

  await page.keyboard.type('not-the-secret');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.getElementById('sign-in-error').textContent.trim() !== '');
  const refused = await state();
  await page.screenshot({ path: path.join(os.tmpdir(), 'spmonitor-donor-dashboard-sign-in.png') });

  await page.keyboard.press('Shift+Tab');
  const shiftTabFromSecret = await page.evaluate(() => document.activeElement.id);
  await page.keyboard.press('Tab');
  await page.keyboard.type('demo-viewer-secret');
  await page.keyboard.press('Enter');
  await page.waitForSelector('body[data-view="global"] [data-figure="activeBeneficiaries"]');
  await page.waitForSelector('body[data-live="on"]');
  const signedIn = await state();
  const activeBeneficiaries = await text(page, '[data-figure="activeBeneficiaries"]');

  await page.locator('#account-button').focus();
  await page.keyboard.press('Enter');
  await page.waitForSelector('dialog#sign-in[open]');
  await page.waitForSelector('body[data-live="off"]');
  const signedOut = await state();

  await page.keyboard.press('Escape');
  await page.waitForSelector('dialog#sign-in:not([open])', { state: 'attached' });
  const dismissed = await state();

  emit('signin', { opened, dialogA11y, refused, shiftTabFromSecret, signedIn, activeBeneficiaries, signedOut,
    dismissed, tokenCalls, requests, errors });
  await page.close();
}

withChromium({ acceptDownloads: true }, async context => {
    await signIn(context);

    // a tab that starts signed in: the viewer token is in its sessionStorage before the page's scripts run
    const page = await context.newPage();
    page.setDefaultTimeout(TIMEOUT);
    await page.addInitScript(([key, value]) => sessionStorage.setItem(key, value), [TOKEN_KEY, token]);
    const errors = watchErrors(page);
    const requests = watchRequests(page);

    await page.goto(baseUrl + '/#/?year=' + year);
    await page.waitForSelector('body[data-view="global"] [data-figure="activeBeneficiaries"]');
    await page.waitForSelector('body[data-live="on"]');
    const row = page.locator('#country-table tr[data-country="' + country + '"]');
    await row.waitFor();
    await page.screenshot({ path: path.join(os.tmpdir(), 'spmonitor-donor-dashboard-global-' + year + '.png'), fullPage: true });
    emit('global', {
      title: await text(page, 'h1'),
      dialogOpen: await page.evaluate(() => document.getElementById('sign-in').open),
      signedInAs: await text(page, '#signed-in-as'),
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
    // the CSV, fetched with the token and handed over as a file, again with the keyboard
    await page.locator('button[data-csv]').focus();
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    const csv = fs.readFileSync(await download.path(), 'utf8');
    // the same view as SDMX-CSV (ILOSTAT's SDG 1.3.1 shape), offered beside it
    const [sdmxDownload] = await Promise.all([page.waitForEvent('download'),
      page.locator('button[data-export*="format=sdmx-csv"]').click()]);
    const sdmx = fs.readFileSync(await sdmxDownload.path(), 'utf8').split(/\r?\n/).filter(Boolean);
    emit('country', {
      url: page.url(),
      title: await text(page, 'h1'),
      activeBeneficiaries: await text(page, '[data-figure="activeBeneficiaries"]'),
      newBeneficiaries: await text(page, '[data-figure="newBeneficiaries"]'),
      coverageRate: await text(page, '[data-figure="coverageRate"]'),
      executedUsd: await text(page, '[data-figure="countryExecutedUsd"]'),
      executionRate: await text(page, '[data-figure="countryExecutionRate"]'),
      shareOfGdp: await text(page, '[data-figure="countryShareOfGdp"]'),
      costPerBeneficiary: await text(page, '[data-figure="countryCostPerBeneficiary"]'),
      costPerTargetPerson: await text(page, '[data-figure="countryCostPerTargetPerson"]'),
      csvFile: download.suggestedFilename(),
      csvRows: csv.split(/\r\n/).filter(line => line.includes(',headline,') || line.includes(',financing,')),
      sdmxHeader: sdmx[0],
      sdmxRows: sdmx.length - 1,
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
      live: await page.evaluate(() => document.body.dataset.live),
      requests,
      errors
    });
});
