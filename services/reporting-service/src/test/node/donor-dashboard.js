#!/usr/bin/env node
/*
 * Reads the donor dashboard the way a donor does, in headless Chromium, and prints what it reads as
 * one JSON line per step on stdout:
 *   {"step":"signin",...}   a tab without a token: to the issuer and back by authorization code with
 *                           PKCE (Playwright stands in for the issuer), the dashboard, "Sign out" (back
 *                           from the issuer's end-session endpoint), a sign-in cancelled at the issuer
 *   {"step":"global",...}   a tab whose sessionStorage holds the viewer token before the page loads:
 *                           headline figures, the country's row, charts and accessibility checks
 *   {"step":"validated",...} the "Validated only" switch: the world's validated figures, the share of
 *                           counts validated, the view kept in the URL across a reload and in links
 *   {"step":"country",...}  the country page, reached from the country table with the keyboard, and
 *                           its CSV downloaded with the token
 *   {"step":"history",...}  the page as of today (live updates paused) and what changed since yesterday;
 *                           then back to live figures
 *   {"step":"waiting",...}  the page is live; the caller now publishes a new submission
 *   {"step":"updated",...}  the new figure, read without reloading the page
 * Usage: SPMONITOR_VIEWER_TOKEN=<jwt> node donor-dashboard.js <base-url> <ISO3> <year>
 * The token is what the stand-in issuer issues and what the second tab starts with; it is never
 * printed.
 */
'use strict';

const crypto = require('crypto');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { withChromium, fail } = require('./browser');

const [baseUrl, country, year] = process.argv.slice(2);
const token = process.env.SPMONITOR_VIEWER_TOKEN;
if (!baseUrl || !country || !year || !token) {
  console.error('usage: SPMONITOR_VIEWER_TOKEN=<jwt> node donor-dashboard.js <base-url> <ISO3> <year>');
  process.exit(2);
}
const TIMEOUT = 30000;
const TOKEN_KEY = 'spmonitor.accessToken';
const ISSUER = 'http://127.0.0.1:9000';

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

/**
 * A stand-in for the OAuth2/OIDC issuer at its default address (config.json): the authorization endpoint
 * answers with a redirect back to the page (a code, or access_denied), the token endpoint checks the
 * code, the PKCE verifier against the challenge, and gives the viewer token, and the end-session
 * endpoint sends the browser back signed out. The real issuer is driven by deploy/local's WebSignInBrowserTest.
 */
async function fakeIssuer(page) {
  const calls = { authorize: [], token: [], logout: [] };
  const origin = new URL(baseUrl).origin;
  const cors = { 'Access-Control-Allow-Origin': origin, Vary: 'Origin', 'Cache-Control': 'no-store' };
  let idToken = null;
  await page.route(ISSUER + '/**', async route => {
    const request = route.request();
    const url = new URL(request.url());
    if (url.pathname === '/oauth2/authorize') {
      const params = Object.fromEntries(url.searchParams);
      calls.authorize.push(params);
      const answer = calls.authorize.length === 1 ? { code: 'the-code', state: params.state }
        : { error: 'access_denied', state: params.state };
      await route.fulfill({ status: 302, headers: { Location: params.redirect_uri + '?' + new URLSearchParams(answer) } });
    } else if (url.pathname === '/oauth2/token' && request.method() === 'POST') {
      const body = Object.fromEntries(new URLSearchParams(request.postData() || ''));
      const asked = calls.authorize[calls.authorize.length - 1] || {};
      const pkce = !!body.code_verifier && crypto.createHash('sha256').update(body.code_verifier).digest('base64url')
        === asked.code_challenge;
      calls.token.push({ grantType: body.grant_type, codeMatches: body.code === 'the-code', pkce,
        clientId: body.client_id, redirectUri: body.redirect_uri, secret: 'client_secret' in body
          || !!(request.headers().authorization) });
      if (body.grant_type === 'authorization_code' && body.code === 'the-code' && pkce) {
        idToken = jwt({ sub: 'test-viewer', aud: body.client_id, nonce: asked.nonce });
        await route.fulfill({ status: 200, contentType: 'application/json', headers: cors,
          body: JSON.stringify({ access_token: token, id_token: idToken, token_type: 'Bearer', expires_in: 3600 }) });
      } else {
        await route.fulfill({ status: 400, contentType: 'application/json', headers: cors,
          body: JSON.stringify({ error: 'invalid_grant' }) });
      }
    } else if (url.pathname === '/connect/logout') {
      const params = Object.fromEntries(url.searchParams);
      calls.logout.push({ hintMatches: params.id_token_hint === idToken, redirect: params.post_logout_redirect_uri,
        state: !!params.state });
      await route.fulfill({ status: 302, headers: { Location: params.post_logout_redirect_uri + '?state='
        + encodeURIComponent(params.state) } });
    } else {
      await route.fulfill({ status: 404 });
    }
  });
  return calls;
}

function jwt(claims) {
  const part = value => Buffer.from(JSON.stringify(value)).toString('base64url');
  return part({ alg: 'none' }) + '.' + part(claims) + '.';
}

async function signIn(context) {
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT);
  const errors = watchErrors(page);
  const requests = watchRequests(page);
  const issuer = await fakeIssuer(page);
  const view = baseUrl + '/#/?year=' + year;
  const state = () => page.evaluate(key => ({
    url: location.href,
    sessionToken: sessionStorage.getItem(key) !== null,
    idToken: sessionStorage.getItem('spmonitor.idToken') !== null,
    pendingSignIn: sessionStorage.getItem('spmonitor.signIn') !== null,
    localStorageItems: localStorage.length,
    figures: document.querySelectorAll('[data-figure]').length,
    heading: (document.querySelector('main h1') || { textContent: '' }).textContent.trim(),
    signInButton: !!document.querySelector('main button[data-sign-in]'),
    live: document.body.dataset.live || null,
    account: document.getElementById('account-button').textContent.trim(),
    signedInAs: document.getElementById('signed-in-as').textContent.trim()
  }), TOKEN_KEY);

  // a tab without a token goes to the issuer and comes back, signed in, to the view it was opened on
  await page.goto(view);
  await page.waitForURL(url => url.searchParams.has('code'), { waitUntil: 'commit' });
  await page.waitForSelector('body[data-view="global"] [data-figure="activeBeneficiaries"]');
  await page.waitForSelector('body[data-live="on"]');
  const signedIn = await state();
  const activeBeneficiaries = await text(page, '[data-figure="activeBeneficiaries"]');

  // sign-out: the tokens are forgotten, the issuer's session ends, the page comes back signed out
  await page.locator('#account-button').focus();
  await Promise.all([page.waitForURL(url => url.searchParams.has('state'), { waitUntil: 'commit' }),
    page.keyboard.press('Enter')]);
  await page.waitForFunction(() => (document.querySelector('main h1') || {}).textContent === 'Signed out'
    && location.search === '');
  await page.waitForSelector('body[data-live="off"]');
  const signedOut = await state();

  // signing in again, cancelled at the issuer: the page says so and offers to sign in
  await Promise.all([page.waitForURL(url => url.searchParams.has('error'), { waitUntil: 'commit' }),
    page.locator('#account-button').click()]);
  await page.waitForSelector('main button[data-sign-in]');
  const cancelled = await state();

  emit('signin', { authorize: issuer.authorize, tokenCalls: issuer.token, logout: issuer.logout, view, signedIn,
    activeBeneficiaries, signedOut, cancelled, requests, errors });
  await page.close();
}

(async () => {
  await withChromium({ acceptDownloads: true }, async context => {
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
      sentToIssuer: !page.url().startsWith(baseUrl),
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

    // validated figures only: the switch in the header, kept in the URL (a reload keeps it), with the share
    // of the beneficiary counts validated; then back to every figure
    const allShare = await text(page, '[data-figure="validatedShare"]');
    await page.selectOption('#validation', 'validated');
    await page.waitForSelector('body[data-view="global"] [data-figure="validatedShare"][data-view="validated"]');
    const validatedUrl = page.url();
    await page.reload();
    await page.waitForSelector('body[data-view="global"] [data-figure="validatedShare"][data-view="validated"]');
    emit('validated', {
      url: validatedUrl,
      switchAfterReload: await page.inputValue('#validation'),
      activeBeneficiaries: await text(page, '[data-figure="activeBeneficiaries"]'),
      share: await text(page, '[data-figure="validatedShare"]'),
      financingShare: await text(page, '[data-figure="validatedShare.financingReports"]'),
      indicatorShare: await text(page, '[data-figure="validatedShare.indicatorResults"]'),
      overallShare: await text(page, '[data-figure="validatedShare.overall"]'),
      allShare,
      countryLink: await row.locator('a').getAttribute('href'),
      exportLink: await page.locator('button[data-csv]').getAttribute('data-export'),
      errors
    });
    await page.selectOption('#validation', 'all');
    await page.waitForSelector('body[data-view="global"] [data-figure="validatedShare"][data-view="all"]');
    await page.waitForSelector('body[data-live="on"]');

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
    // the page says the file is there before the live step reads what it announces next
    await page.waitForFunction(() => document.getElementById('announcer').textContent.includes('.sdmx.csv'));
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

    // history (ADR 0021): the whole page as of today (UTC), live updates paused; what changed since yesterday, by
    // whom, when; then back to live figures
    const today = new Date().toISOString().slice(0, 10);
    const yesterday = new Date(Date.now() - 86400000).toISOString().slice(0, 10);
    await page.fill('#as-of', today);
    await page.waitForSelector('body[data-view="country"] #as-of-banner[data-as-of="' + today + '"]');
    const asOfShown = await text(page, '[data-figure="activeBeneficiaries"]');
    const asOfTitle = await text(page, '#as-of-banner strong');
    const asOfUrl = page.url();
    const liveAsOf = await page.evaluate(() => document.body.dataset.live);
    await page.fill('#history-from', yesterday);
    await page.locator('#history-form button[value="compare"]').click();
    await page.waitForSelector('#history-result tr[data-change]');
    emit('history', {
      asOfActiveBeneficiaries: asOfShown,
      asOfTitle,
      asOfUrl,
      liveAsOf,
      changes: await page.evaluate(() => [...document.querySelectorAll('#history-result tr[data-change]')]
        .map(r => [r.dataset.change].concat([...r.children].map(c => c.textContent.trim())))),
      steps: await page.evaluate(() => [...document.querySelectorAll('#history-result tr[data-step]')].map(r => r.dataset.step)),
      accessibility: await accessibility(page),
      errors
    });
    await page.locator('#as-of-banner button[data-live]').click();
    await page.waitForFunction(() => document.body.dataset.view === 'country' && !location.hash.includes('asOf=')
      && document.body.dataset.live === 'on');

    // live: mark this page, wait for the new submission, check the mark survived (no reload)
    const before = await text(page, '[data-figure="activeBeneficiaries"]');
    await page.evaluate(() => { window.__spmonitorMark = 'same page'; });
    emit('waiting', { activeBeneficiaries: before });
    await page.waitForFunction(
      old => {
        const el = document.querySelector('[data-figure="activeBeneficiaries"]');
        return el && el.innerText.trim() !== old;
      }, before, { timeout: TIMEOUT });
    // the page announces the update once the whole view is drawn again (figures first, then charts)
    await page.waitForFunction(() => document.getElementById('announcer').textContent.includes('Dashboard updated'),
      null, { timeout: 10000 }).catch(() => { /* the Java side asserts what was announced */ });
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
})().catch(fail);
