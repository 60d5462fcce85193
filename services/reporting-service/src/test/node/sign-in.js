#!/usr/bin/env node
/*
 * A person signs in to the web app at the real embedded issuer (Spring Authorization Server of
 * deploy/local), in headless Chromium, by the authorization code flow with PKCE: the page sends the
 * browser to the issuer's login page; a wrong password is refused there; the right one brings the
 * browser back, signed in, to the view it was opened on. An expired token is renewed without a password
 * while the issuer's session lasts; sign-out ends that session, so the next sign-in asks again.
 * Prints one JSON line: {"step":"signin",...}. Run by deploy/local's LocalStackEndToEndTest.
 * Usage: node sign-in.js <web-app-url> <issuer-url> <user> <password> <year>
 */
'use strict';

const os = require('os');
const path = require('path');
const { withChromium, fail } = require('./browser');

const [baseUrl, issuerUrl, user, password, year] = process.argv.slice(2);
if (!baseUrl || !issuerUrl || !user || !password || !year) {
  console.error('usage: node sign-in.js <web-app-url> <issuer-url> <user> <password> <year>');
  process.exit(2);
}
const TIMEOUT = 30000;
const TOKEN_KEY = 'spmonitor.accessToken';

function claims(token) {
  try { return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')); } catch (e) { return null; }
}

async function loginPage(page) {
  return page.evaluate(() => {
    const labelled = el => el.type === 'hidden' || (el.id && document.querySelector('label[for="' + el.id + '"]'))
      || (el.tagName === 'BUTTON' && el.textContent.trim());
    return {
      url: location.href,
      lang: document.documentElement.lang,
      title: document.title,
      focused: document.activeElement && document.activeElement.id,
      unlabelledControls: [...document.querySelectorAll('input, button')].filter(el => !labelled(el)).length,
      alert: (document.querySelector('[role="alert"]') || { textContent: '' }).textContent.trim(),
      invalid: document.getElementById('username').getAttribute('aria-invalid')
    };
  });
}

async function dashboard(page) {
  return page.evaluate(key => {
    const token = sessionStorage.getItem(key);
    return {
      url: location.href,
      token,
      idToken: sessionStorage.getItem('spmonitor.idToken') !== null,
      localStorageItems: localStorage.length,
      signedInAs: document.getElementById('signed-in-as').textContent.trim(),
      account: document.getElementById('account-button').textContent.trim(),
      heading: (document.querySelector('main h1') || { textContent: '' }).textContent.trim(),
      view: document.body.dataset.view || null
    };
  }, TOKEN_KEY);
}

/** The dashboard's state without the token itself, which is never printed. */
function withoutToken(state) {
  const c = claims(state.token);
  const result = Object.assign({}, state, { token: !!state.token, roles: c && c.roles, countries: c && c.countries,
    subject: c && c.sub, issuer: c && c.iss, expiresIn: c && c.exp ? c.exp - Math.floor(Date.now() / 1000) : null });
  return result;
}

withChromium({}, async context => {
  const errors = [];
  const visited = [];
  const log = [];
  try {
    const page = await context.newPage();
    page.setDefaultTimeout(TIMEOUT);
    // a refused login is a 302 to /login?error, never an error; a page error or console error is
    page.on('pageerror', e => errors.push(String(e)));
    page.on('console', m => { if (m.type() === 'error') { errors.push(m.text()); } });
    // every document the tab asks for, redirects included (the issuer answers a renewal with a redirect at once)
    page.on('request', request => { if (request.isNavigationRequest()) { visited.push(request.url()); } });
    // for the diagnosis of a failure: every request and console line
    page.on('requestfinished', async request => {
      const response = await request.response();
      log.push(request.method() + ' ' + request.url() + ' ' + (response && response.status()));
    });
    page.on('requestfailed', request => log.push('failed ' + request.url() + ' ' + request.failure().errorText));
    page.on('console', m => log.push('console ' + m.type() + ': ' + m.text()));
    const view = baseUrl + '/#/countries/KHM?year=' + year;

    // 1. the web app sends a tab without a token to the issuer's login page
    await page.goto(view);
    await page.waitForURL(url => url.href.startsWith(issuerUrl + '/login'));
    await page.waitForSelector('#username');
    const login = await loginPage(page);
    await page.screenshot({ path: path.join(os.tmpdir(), 'spmonitor-sign-in-login.png') });

    // 2. a wrong password is refused there
    await page.fill('#username', user);
    await page.fill('#password', password + '-wrong');
    await Promise.all([page.waitForURL(url => url.search === '?error'), page.press('#password', 'Enter')]);
    await page.waitForSelector('[role="alert"]');
    const refused = await loginPage(page);

    // 3. the right one: back on the view the tab was opened on, signed in
    await page.fill('#username', user);
    await page.fill('#password', password);
    await Promise.all([page.waitForURL(url => url.href.startsWith(baseUrl), { waitUntil: 'commit' }),
      page.press('#password', 'Enter')]);
    await page.waitForFunction(() => document.getElementById('account-button').textContent.trim() === 'Sign out');
    await page.waitForSelector('body[data-view="country"]');
    const signedIn = withoutToken(await dashboard(page));
    const firstToken = (await dashboard(page)).token;

    // 4. the token has expired: the page renews it at the issuer, without a password, and stays on its view
    const expired = (() => {
      const parts = firstToken.split('.');
      const c = claims(firstToken);
      c.exp = Math.floor(Date.now() / 1000) - 60;
      return parts[0] + '.' + Buffer.from(JSON.stringify(c)).toString('base64url') + '.' + parts[2];
    })();
    const renewView = baseUrl + '/#/?year=' + year;
    await page.evaluate(([key, value]) => sessionStorage.setItem(key, value), [TOKEN_KEY, expired]);
    const visitedBefore = visited.length;
    await page.goto(renewView);
    await page.waitForFunction(([key, old]) => {
      const token = sessionStorage.getItem(key);
      return token && token !== old && location.search === '';
    }, [TOKEN_KEY, expired]);
    await page.waitForSelector('body[data-view="global"]');
    const renewedState = await dashboard(page);
    const renewed = Object.assign(withoutToken(renewedState), {
      newToken: renewedState.token !== firstToken && renewedState.token !== expired,
      loginPageShown: visited.slice(visitedBefore).some(url => url.startsWith(issuerUrl + '/login')),
      throughIssuer: visited.slice(visitedBefore).some(url => url.startsWith(issuerUrl))
    });

    // 5. sign-out: back on the page, signed out; the issuer's session has ended, so signing in asks again
    await Promise.all([page.waitForURL(url => url.searchParams.has('state'), { waitUntil: 'commit' }),
      page.locator('#account-button').click()]);
    await page.waitForFunction(() => (document.querySelector('main h1') || {}).textContent === 'Signed out'
      && location.search === '');
    const signedOut = withoutToken(await dashboard(page));
    await Promise.all([page.waitForURL(url => url.href.startsWith(issuerUrl + '/login')),
      page.locator('#account-button').click()]);
    const askedAgain = await loginPage(page);

    process.stdout.write(JSON.stringify({ step: 'signin', view, renewView, login, refused, signedIn, renewed,
      signedOut, askedAgain, errors }) + '\n');
  } catch (error) {
    // what the tab did, to tell where the flow stopped
    const page = context.pages()[0];
    log.push('at ' + (page ? page.url() : 'no page') + ': '
      + (page ? await page.evaluate(() => document.body.innerText.slice(0, 400)).catch(e => String(e)) : ''));
    console.error('navigations: ' + JSON.stringify(visited) + '\n' + log.join('\n'));
    throw error;
  }
}).catch(fail);
