/*
 * spmonitor web app: signing in. The dashboards API wants a bearer access token (role viewer, reporter
 * or admin). People sign in at the OAuth2/OIDC issuer with the authorization code flow and PKCE
 * (RFC 7636, S256), as a public client: the page sends the browser to the issuer's authorization
 * endpoint, the issuer's login page asks for the user name and password, the issuer sends the browser
 * back here with a code, and the page exchanges the code and its PKCE verifier for the tokens. No secret
 * is ever typed into or kept by the page. The endpoints and client id come from GET /config.json.
 *
 * Storage, this tab only (sessionStorage; never localStorage, a cookie or a URL; never logged):
 *   spmonitor.accessToken   the access token (tests may put one there before the page loads)
 *   spmonitor.idToken       the ID token, the hint of the issuer's sign-out (RP-initiated logout)
 *   spmonitor.signIn        state, nonce, PKCE verifier and the view to come back to, during a sign-in
 *   spmonitor.signOut       state and the view to come back to, during a sign-out
 *   spmonitor.signedInAt    when the last sign-in completed (a token refused right after it stops the page
 *                           from going round to the issuer and back forever)
 * An expired or refused token is renewed by a new authorization request: while the issuer's session
 * lasts it answers at once, without a password; else its login page asks again. Either way the page
 * comes back to the view and filters (path, query and #hash) the user was on.
 *
 * window.spmonitorAuth:
 *   fetch(url, options)  fetch with "Authorization: Bearer"; without a valid token, or on a 401, it
 *                        signs in again (a round trip to the issuer) unless the user signed out
 *   signIn(), signOut(), isSignedIn()
 *   on(name, callback)   'signed-in', 'signed-out', 'dismissed' (sign-in did not complete); a callback
 *                        registered after the page stopped for one of the last two is called once at once
 */
(function () {
  'use strict';

  const STORAGE_KEY = 'spmonitor.accessToken';
  const ID_TOKEN_KEY = 'spmonitor.idToken';
  const SIGN_IN_KEY = 'spmonitor.signIn';
  const SIGN_OUT_KEY = 'spmonitor.signOut';
  const SIGNED_IN_AT_KEY = 'spmonitor.signedInAt';
  const DEFAULT_CONFIG = {
    authorizationEndpoint: 'http://127.0.0.1:9000/oauth2/authorize',
    tokenEndpoint: 'http://127.0.0.1:9000/oauth2/token',
    endSessionEndpoint: 'http://127.0.0.1:9000/connect/logout',
    clientId: 'spmonitor-web',
    scope: 'openid profile'
  };
  /** A sign-in answered sooner than this after the previous one was refused again: stop, do not loop. */
  const LOOP_GUARD_MS = 20000;

  const accountButton = document.getElementById('account-button');
  const signedInAs = document.getElementById('signed-in-as');
  const listeners = { 'signed-in': [], 'signed-out': [], dismissed: [] };
  let stopped = null;      // why the page waits for the user instead of signing in: 'signed-out', 'failed'
  let leaving = false;     // the browser is on its way to the issuer
  let waiting = null;      // { promise, resolve }: callers waiting for a token
  let problem = '';

  const config = fetch('/config.json', { headers: { Accept: 'application/json' }, cache: 'no-store' })
    .then(response => (response.ok ? response.json() : {}))
    .catch(() => ({}))
    .then(loaded => {
      const settings = {};
      Object.keys(DEFAULT_CONFIG).forEach(key => {
        // an empty end-session endpoint means the issuer has none: sign-out then only forgets the tokens
        settings[key] = typeof loaded[key] === 'string' && (loaded[key] || key === 'endSessionEndpoint')
          ? loaded[key] : DEFAULT_CONFIG[key];
      });
      return settings;
    });

  // events wait until every deferred script (app.js) has registered its listeners
  let loaded = false;
  const queued = [];
  document.addEventListener('DOMContentLoaded', () => {
    loaded = true;
    queued.splice(0).forEach(event => emit(event.name, event.detail));
  });
  function emit(name, detail) {
    if (!loaded) { queued.push({ name, detail }); return; }
    listeners[name].forEach(callback => { try { callback(detail); } catch (e) { /* a listener's fault is its own */ } });
  }

  // ---------- storage ----------
  function read(key) {
    try { return sessionStorage.getItem(key); } catch (e) { return null; }
  }
  function write(key, value) {
    try { sessionStorage.setItem(key, value); } catch (e) { /* storage unavailable: nothing kept */ }
  }
  function remove(key) {
    try { sessionStorage.removeItem(key); } catch (e) { /* storage unavailable: nothing kept */ }
  }
  function readJson(key) {
    const value = read(key);
    remove(key);
    try { return value ? JSON.parse(value) : null; } catch (e) { return null; }
  }

  // ---------- the tokens ----------
  /** The claims of a JWT, for display, expiry and the nonce only: the API, not the page, verifies signatures. */
  function claims(token) {
    try {
      const part = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
      const bytes = Uint8Array.from(atob(part + '==='.slice((part.length + 3) % 4)), c => c.charCodeAt(0));
      return JSON.parse(new TextDecoder().decode(bytes));
    } catch (e) {
      return null; // an opaque token: no expiry known, the API's 401 tells
    }
  }
  function storedToken() {
    const token = read(STORAGE_KEY);
    if (!token) { return null; }
    const c = claims(token);
    if (c && typeof c.exp === 'number' && c.exp * 1000 <= Date.now() + 5000) {
      remove(STORAGE_KEY);
      showAccount();
      return null;
    }
    return token;
  }
  function forget() {
    remove(STORAGE_KEY);
    remove(ID_TOKEN_KEY);
    showAccount();
  }
  /** A message in the page's language (i18n.js, bundle "common"), or the English text until it is loaded. */
  function L(key, english, params) {
    const i18n = window.spmonitorI18n;
    const text = i18n ? i18n.t(key, params) : key;
    if (text !== key) { return text; }
    return String(english).replace(/\{(\w+)\}/g, (whole, name) => (params && name in params ? String(params[name]) : whole));
  }
  if (window.spmonitorI18n) { window.spmonitorI18n.ready.then(() => showAccount()); }

  function showAccount() {
    const token = read(STORAGE_KEY);
    const c = token && claims(token);
    if (token) {
      const who = c && (c.preferred_username || c.client_id || c.azp || c.sub);
      const roles = c && Array.isArray(c.roles) ? c.roles.join(', ') : '';
      signedInAs.textContent = !who ? L('auth.signedIn', 'Signed in')
        : roles ? L('auth.signedInAsWithRoles', 'Signed in as {who} ({roles})', { who, roles })
          : L('auth.signedInAs', 'Signed in as {who}', { who });
      accountButton.textContent = L('account.signOut', 'Sign out');
    } else {
      signedInAs.textContent = problem || L('auth.notSignedIn', 'Not signed in');
      accountButton.textContent = L('account.signIn', 'Sign in');
    }
    accountButton.hidden = false;
  }

  // ---------- PKCE, state, nonce ----------
  function base64url(bytes) {
    let binary = '';
    new Uint8Array(bytes).forEach(b => { binary += String.fromCharCode(b); });
    return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }
  function random() {
    return base64url(crypto.getRandomValues(new Uint8Array(32)));
  }
  async function s256(verifier) {
    return base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  }
  function redirectUri() {
    return location.origin + '/';
  }
  /** The view to come back to: path, query and #hash, without the issuer's answer. */
  function currentView() {
    return location.pathname + location.search + location.hash;
  }

  // ---------- to the issuer and back ----------
  /** Sends the browser to the issuer's authorization endpoint; the page unloads. */
  async function redirectToIssuer() {
    if (leaving) { return; }
    if (!window.crypto || !crypto.subtle) {
      stop('failed', L('auth.insecure', 'Signing in needs a secure page (HTTPS, or 127.0.0.1 / localhost).'));
      return;
    }
    leaving = true;
    const settings = await config;
    const pending = { state: random(), nonce: random(), verifier: random(), view: currentView() };
    write(SIGN_IN_KEY, JSON.stringify(pending));
    const url = new URL(settings.authorizationEndpoint);
    url.search = new URLSearchParams({
      response_type: 'code',
      client_id: settings.clientId,
      redirect_uri: redirectUri(),
      scope: settings.scope,
      state: pending.state,
      nonce: pending.nonce,
      code_challenge: await s256(pending.verifier),
      code_challenge_method: 'S256'
    }).toString();
    location.assign(url.toString());
  }

  /** The issuer's answer in this page's URL (?code=&state= or ?error=&state=), or null. */
  function issuerAnswer() {
    const params = new URLSearchParams(location.search);
    if (!params.has('state') || !(params.has('code') || params.has('error'))) { return null; }
    return { code: params.get('code'), state: params.get('state'), error: params.get('error'),
      description: params.get('error_description') };
  }

  async function exchange(settings, code, pending) {
    let response;
    try {
      response = await fetch(settings.tokenEndpoint, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
        body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirectUri(),
          client_id: settings.clientId, code_verifier: pending.verifier }).toString(),
        credentials: 'omit',
        cache: 'no-store',
        referrerPolicy: 'no-referrer'
      });
    } catch (e) {
      throw new Error('the token issuer at ' + settings.tokenEndpoint + ' could not be reached');
    }
    let body = {};
    try { body = await response.json(); } catch (e) { body = {}; }
    if (!response.ok) {
      throw new Error('the token issuer refused the code (' + (body.error_description || body.error
        || 'HTTP ' + response.status) + ')');
    }
    if (!body.access_token || (body.token_type && body.token_type.toLowerCase() !== 'bearer')) {
      throw new Error('the token issuer answered without a bearer access token');
    }
    if (body.id_token) {
      const id = claims(body.id_token);
      if (!id || id.nonce !== pending.nonce) { throw new Error('the ID token is not the answer to this sign-in'); }
    }
    return body;
  }

  /** Completes a sign-in the issuer answered; restores the view first, so app.js routes to it. */
  function completeSignIn() {
    const answer = issuerAnswer();
    if (!answer) { return Promise.resolve(); }
    const pending = readJson(SIGN_IN_KEY);
    const mine = pending && pending.state === answer.state;
    // the code and state leave the address bar and the history at once
    history.replaceState(history.state, '', (mine && pending.view) || location.pathname);
    if (!mine) {
      stop('failed', L('auth.unexpected', 'Sign-in did not complete (an answer this tab did not ask for). Sign in again.'));
      return Promise.resolve();
    }
    if (answer.error) {
      stop('failed', answer.error === 'access_denied' ? L('auth.cancelled', 'Sign-in was cancelled.')
        : L('auth.incomplete', 'Sign-in did not complete ({detail}).', { detail: answer.description || answer.error }));
      return Promise.resolve();
    }
    return config.then(settings => exchange(settings, answer.code, pending)).then(body => {
      write(STORAGE_KEY, body.access_token);
      if (body.id_token) { write(ID_TOKEN_KEY, body.id_token); } else { remove(ID_TOKEN_KEY); }
      write(SIGNED_IN_AT_KEY, String(Date.now()));
      problem = '';
      showAccount();
      emit('signed-in', claims(body.access_token));
    }, error => {
      stop('failed', L('auth.failed', 'Sign-in did not complete: {detail}.', { detail: error.message }));
    });
  }

  /** Back from the issuer's sign-out (?state= of ours): the view the user signed out on, signed out. */
  function completeSignOut() {
    const params = new URLSearchParams(location.search);
    if (!params.has('state') || params.has('code') || params.has('error') || read(SIGN_OUT_KEY) === null) {
      return false;
    }
    const out = readJson(SIGN_OUT_KEY);
    history.replaceState(history.state, '', (out && out.state === params.get('state') && out.view) || location.pathname);
    stop('signed-out', L('auth.signedOut', 'Signed out'));
    return true;
  }

  /** The page waits for the user (a sign-out, a failed sign-in) instead of going to the issuer. */
  function stop(reason, message) {
    stopped = reason;
    problem = message || '';
    forget();
    emit(reason === 'signed-out' ? 'signed-out' : 'dismissed');
  }

  /** A promise of a token: none is given on this page, which goes to the issuer unless the user stopped that. */
  function whenSignedIn() {
    if (!waiting) {
      let resolve;
      const promise = new Promise(r => { resolve = r; });
      waiting = { promise, resolve };
    }
    if (!stopped) { redirectToIssuer(); }
    return waiting.promise;
  }

  const ready = completeSignOut() ? Promise.resolve() : completeSignIn();

  async function authFetch(url, options) {
    await ready;
    for (;;) {
      const token = storedToken() || await whenSignedIn();
      const headers = new Headers(options && options.headers);
      headers.set('Authorization', 'Bearer ' + token);
      const response = await fetch(url, Object.assign({}, options, { headers, credentials: 'same-origin' }));
      if (response.status !== 401) {
        return response;
      }
      // refused (expired, revoked, signed by another issuer): forget it unless a newer sign-in replaced it
      if (read(STORAGE_KEY) === token) { remove(STORAGE_KEY); showAccount(); }
      // refused right after a sign-in: the issuer and the API disagree, and asking again would loop
      if (Date.now() - Number(read(SIGNED_IN_AT_KEY) || 0) < LOOP_GUARD_MS) {
        stop('failed', L('auth.refused', 'The dashboards did not accept your sign-in (ask your administrator for the viewer role).'));
      }
    }
  }

  function signIn() {
    stopped = null;
    problem = '';
    remove(SIGNED_IN_AT_KEY);
    return whenSignedIn();
  }

  /** Forgets the tokens, then ends the session at the issuer too (OIDC RP-initiated logout) and comes back. */
  async function signOut() {
    const idToken = read(ID_TOKEN_KEY);
    const view = currentView();
    stop('signed-out', L('auth.signedOut', 'Signed out'));
    remove(SIGNED_IN_AT_KEY);
    const settings = await config;
    if (!idToken || !settings.endSessionEndpoint) { return; }
    const state = random();
    write(SIGN_OUT_KEY, JSON.stringify({ state, view }));
    const url = new URL(settings.endSessionEndpoint);
    url.search = new URLSearchParams({ id_token_hint: idToken, post_logout_redirect_uri: redirectUri(),
      client_id: settings.clientId, state }).toString();
    leaving = true;
    location.assign(url.toString());
  }

  accountButton.addEventListener('click', () => {
    if (storedToken()) { signOut(); } else { signIn(); }
  });

  showAccount();

  window.spmonitorAuth = {
    fetch: authFetch,
    signIn,
    signOut,
    isSignedIn: () => storedToken() !== null,
    on(name, callback) {
      listeners[name].push(callback);
      // a page script that registers after the page stopped (its own start waits for the language bundles)
      // still hears why: the return from the issuer's sign-out, or a sign-in that did not complete
      const happened = stopped === 'signed-out' ? 'signed-out' : stopped ? 'dismissed' : null;
      if (happened === name) { try { callback(); } catch (e) { /* a listener's fault is its own */ } }
    }
  };
})();
