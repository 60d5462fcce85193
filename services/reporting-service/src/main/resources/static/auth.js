/*
 * spmonitor donor dashboard: signing in. The dashboards API wants a bearer access token (role viewer,
 * reporter or admin). The sign-in dialog exchanges a client id and secret for one at the token issuer
 * (OAuth2 client-credentials grant; the endpoint comes from GET /config.json). The token lives in this
 * tab's sessionStorage only: never in localStorage, a cookie or a URL, and it is never logged.
 *
 * window.spmonitorAuth:
 *   fetch(url, options)  fetch with "Authorization: Bearer"; without a token, or on a 401, it shows the
 *                        sign-in dialog and retries once the user has signed in
 *   signIn(), signOut(), isSignedIn()
 *   on(name, callback)   'signed-in', 'signed-out', 'dismissed' (the dialog was closed without signing in)
 */
(function () {
  'use strict';

  const STORAGE_KEY = 'spmonitor.accessToken';
  const DEFAULT_CONFIG = { tokenEndpoint: 'http://127.0.0.1:9000/oauth2/token', defaultClientId: 'demo-viewer' };
  const REASONS = {
    none: 'The dashboards are for donors and programme teams: sign in with the client id and secret you were given.',
    refused: 'Your sign-in has expired or was not accepted by the dashboards. Please sign in again.',
    'signed-out': 'You have signed out. Sign in again to see the dashboards.'
  };

  const dialog = document.getElementById('sign-in');
  const form = document.getElementById('sign-in-form');
  const clientIdInput = document.getElementById('client-id');
  const secretInput = document.getElementById('client-secret');
  const errorText = document.getElementById('sign-in-error');
  const reasonText = document.getElementById('sign-in-reason');
  const endpointText = document.getElementById('token-endpoint');
  const submitButton = document.getElementById('sign-in-submit');
  const cancelButton = document.getElementById('sign-in-cancel');
  const accountButton = document.getElementById('account-button');
  const signedInAs = document.getElementById('signed-in-as');

  const listeners = { 'signed-in': [], 'signed-out': [], dismissed: [] };
  let waiting = null;          // { promise, resolve }: callers waiting for a token
  let returnFocus = null;
  let busy = false;

  const config = fetch('/config.json', { headers: { Accept: 'application/json' }, cache: 'no-store' })
    .then(response => (response.ok ? response.json() : {}))
    .catch(() => ({}))
    .then(loaded => ({
      tokenEndpoint: loaded.tokenEndpoint || DEFAULT_CONFIG.tokenEndpoint,
      defaultClientId: typeof loaded.defaultClientId === 'string' ? loaded.defaultClientId : DEFAULT_CONFIG.defaultClientId
    }));

  function emit(name, detail) {
    listeners[name].forEach(callback => { try { callback(detail); } catch (e) { /* a listener's fault is its own */ } });
  }

  // ---------- the token ----------
  /** The claims of a JWT, for display and expiry only: the API, not the page, verifies the signature. */
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
    let token = null;
    try { token = sessionStorage.getItem(STORAGE_KEY); } catch (e) { return null; }
    if (!token) { return null; }
    const c = claims(token);
    if (c && typeof c.exp === 'number' && c.exp * 1000 <= Date.now() + 5000) {
      forget();
      return null;
    }
    return token;
  }
  function keep(token) {
    sessionStorage.setItem(STORAGE_KEY, token);
    showAccount();
  }
  function forget() {
    try { sessionStorage.removeItem(STORAGE_KEY); } catch (e) { /* storage unavailable: nothing kept */ }
    showAccount();
  }
  function showAccount() {
    let token = null;
    try { token = sessionStorage.getItem(STORAGE_KEY); } catch (e) { token = null; }
    const c = token && claims(token);
    if (token) {
      const who = c && (c.client_id || c.azp || c.preferred_username || c.sub);
      const roles = c && Array.isArray(c.roles) ? c.roles.join(', ') : '';
      signedInAs.textContent = who ? 'Signed in as ' + who + (roles ? ' (' + roles + ')' : '') : 'Signed in';
      accountButton.textContent = 'Sign out';
    } else {
      signedInAs.textContent = 'Not signed in';
      accountButton.textContent = 'Sign in';
    }
    accountButton.hidden = false;
  }

  /** A promise of a token: the stored one, else the one the user signs in with. */
  function whenSignedIn(reason) {
    if (!waiting) {
      let resolve;
      const promise = new Promise(r => { resolve = r; });
      waiting = { promise, resolve };
    }
    open(reason);
    return waiting.promise;
  }

  async function authFetch(url, options) {
    let reason = 'none';
    for (;;) {
      const token = storedToken() || await whenSignedIn(reason);
      const headers = new Headers(options && options.headers);
      headers.set('Authorization', 'Bearer ' + token);
      const response = await fetch(url, Object.assign({}, options, { headers, credentials: 'same-origin' }));
      if (response.status !== 401) {
        return response;
      }
      // refused (expired, revoked, signed by another issuer): forget it unless a newer sign-in replaced it
      let current = null;
      try { current = sessionStorage.getItem(STORAGE_KEY); } catch (e) { current = null; }
      if (current === token) { forget(); }
      reason = 'refused';
    }
  }

  // ---------- the token issuer ----------
  function formEncoded(value) {
    return new URLSearchParams({ v: value }).toString().substring(2);
  }
  function basic(clientId, secret) {
    // RFC 6749 2.3.1: both form-encoded, then "id:secret" in Base64 (of its UTF-8 bytes)
    const bytes = new TextEncoder().encode(formEncoded(clientId) + ':' + formEncoded(secret));
    let binary = '';
    bytes.forEach(b => { binary += String.fromCharCode(b); });
    return btoa(binary);
  }
  function failure(message, field) {
    const error = new Error(message);
    error.field = field;
    return error;
  }
  async function requestToken(endpoint, clientId, secret) {
    let response;
    try {
      response = await fetch(endpoint, {
        method: 'POST',
        headers: {
          Authorization: 'Basic ' + basic(clientId, secret),
          'Content-Type': 'application/x-www-form-urlencoded',
          Accept: 'application/json'
        },
        body: 'grant_type=client_credentials',
        credentials: 'omit',
        cache: 'no-store',
        referrerPolicy: 'no-referrer'
      });
    } catch (e) {
      throw failure('The token issuer at ' + endpoint + ' could not be reached. Is it running, and does it '
        + 'accept requests from this page?', 'client-id');
    }
    let body = {};
    try { body = await response.json(); } catch (e) { body = {}; }
    if (!response.ok) {
      if (response.status === 401 || body.error === 'invalid_client') {
        throw failure('The client id or secret was not accepted. Check them and try again.', 'client-secret');
      }
      if (body.error === 'unauthorized_client') {
        throw failure('This client may not get tokens with a client id and secret (client-credentials grant).', 'client-id');
      }
      throw failure('The token issuer refused the sign-in (' + (body.error_description || body.error
        || 'HTTP ' + response.status) + ').', 'client-id');
    }
    if (!body.access_token || (body.token_type && body.token_type.toLowerCase() !== 'bearer')) {
      throw failure('The token issuer answered without a bearer access token.', 'client-id');
    }
    return body.access_token;
  }

  // ---------- the dialog ----------
  function showError(message, fieldId) {
    errorText.textContent = message;
    [clientIdInput, secretInput].forEach(input => {
      if (input.id === fieldId) { input.setAttribute('aria-invalid', 'true'); } else { input.removeAttribute('aria-invalid'); }
    });
    const field = document.getElementById(fieldId) || clientIdInput;
    field.focus();
    if (field.select) { field.select(); }
  }
  function clearError() {
    errorText.textContent = '';
    clientIdInput.removeAttribute('aria-invalid');
    secretInput.removeAttribute('aria-invalid');
  }

  async function open(reason) {
    const settings = await config;
    endpointText.textContent = settings.tokenEndpoint;
    reasonText.textContent = REASONS[reason] || REASONS.none;
    if (dialog.open) { return; }
    if (!clientIdInput.value) { clientIdInput.value = settings.defaultClientId; }
    secretInput.value = '';
    clearError();
    const active = document.activeElement;
    returnFocus = active && active !== document.body && !dialog.contains(active) ? active : null;
    dialog.showModal();
    (clientIdInput.value ? secretInput : clientIdInput).focus();
  }

  function close() {
    if (dialog.open) { dialog.close(); }
  }

  form.addEventListener('submit', async event => {
    event.preventDefault();
    if (busy) { return; }
    const clientId = clientIdInput.value.trim();
    const secret = secretInput.value;
    if (!clientId) { showError('Enter the client id.', 'client-id'); return; }
    if (!secret) { showError('Enter the client secret.', 'client-secret'); return; }
    busy = true;
    form.setAttribute('aria-busy', 'true');
    submitButton.textContent = 'Signing in…';
    let token;
    try {
      token = await requestToken((await config).tokenEndpoint, clientId, secret);
    } catch (error) {
      secretInput.value = '';
      showError(error.message, error.field);
      return;
    } finally {
      busy = false;
      form.removeAttribute('aria-busy');
      submitButton.textContent = 'Sign in';
    }
    secretInput.value = '';
    clearError();
    keep(token);
    close();
    const target = returnFocus && document.contains(returnFocus) ? returnFocus : document.getElementById('main');
    target.focus({ preventScroll: true });
    const pending = waiting;
    waiting = null;
    if (pending) { pending.resolve(token); }
    emit('signed-in', claims(token));
  });

  cancelButton.addEventListener('click', close);
  dialog.addEventListener('close', () => {
    if (!storedToken()) {
      accountButton.focus();
      emit('dismissed');
    }
  });

  function signOut() {
    forget();
    emit('signed-out');
    whenSignedIn('signed-out');
  }

  accountButton.addEventListener('click', () => {
    if (storedToken()) { signOut(); } else { whenSignedIn('none'); }
  });

  showAccount();

  window.spmonitorAuth = {
    fetch: authFetch,
    signIn: () => whenSignedIn('none'),
    signOut,
    isSignedIn: () => storedToken() !== null,
    on(name, callback) { listeners[name].push(callback); }
  };
})();
