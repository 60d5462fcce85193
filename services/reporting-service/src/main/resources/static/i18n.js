/*
 * spmonitor web app: languages (English, French, Spanish) for every label, number and date.
 *
 * The language is, in order: ?lang= in the page URL, the user's last choice (localStorage
 * "spmonitor.lang"), the browser's preferred languages, English. Messages live in JSON bundles under
 * i18n/<bundle>.<lang>.json: "common" (shared by every page) plus one per page ("dashboard",
 * "workspace"). A key missing in French or Spanish falls back to English, then to the key itself, so a
 * page never shows an empty label.
 *
 * window.spmonitorI18n:
 *   ready                     a promise, resolved when the bundles named in <html data-i18n-bundles="...">
 *                             (and "common") are loaded and the page's static labels are translated
 *   lang                      'en' | 'fr' | 'es' (the Intl locale of every format below)
 *   t(key, params)            the message, with {name} placeholders filled from params
 *   apply(root)               translates root's elements: data-i18n="key" (text), data-i18n-html="key"
 *                             (trusted bundle markup), data-i18n-attr="title:key;aria-label:key"
 *   setLanguage(lang)         keeps the choice and reloads the page in that language (the URL, hence the
 *                             view and its filters, is kept)
 *   number(v, digits)         grouped number, e.g. 1 234 567 (fr), 1,234,567 (en)
 *   percent(share, digits)    a share 0..1 as a percentage, e.g. 12.3 % / 12,3 %
 *   money(v, currency)        exact amount without cents, e.g. $2,692,323,412
 *   compactMoney(v, currency) the same, short enough for a card, e.g. $2.69 bn / 2,69 Md $US
 *   compactNumber(v)          e.g. 13.2 M
 *   date(value), dateTime(value)  localised, from an ISO date/instant or a Date
 *   on('language-changed', fn)
 * Each page includes a <select id="language"> (or none); i18n.js fills and wires it.
 */
(function () {
  'use strict';

  const LANGUAGES = { en: 'English', fr: 'Français', es: 'Español' };
  const STORAGE_KEY = 'spmonitor.lang';
  const bundles = {};   // lang -> merged messages
  const listeners = { 'language-changed': [] };

  function chooseLanguage() {
    const fromUrl = new URLSearchParams(location.search).get('lang');
    if (fromUrl && LANGUAGES[fromUrl]) { return fromUrl; }
    try {
      const kept = localStorage.getItem(STORAGE_KEY);
      if (kept && LANGUAGES[kept]) { return kept; }
    } catch (e) { /* storage unavailable: the browser decides */ }
    const preferred = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || 'en'];
    for (const tag of preferred) {
      const base = String(tag).toLowerCase().split('-')[0];
      if (LANGUAGES[base]) { return base; }
    }
    return 'en';
  }

  const lang = chooseLanguage();
  document.documentElement.lang = lang;

  function loadBundle(name, language) {
    return fetch('i18n/' + name + '.' + language + '.json', { headers: { Accept: 'application/json' } })
      .then(response => (response.ok ? response.json() : {}))
      .catch(() => ({}));
  }

  function requestedBundles() {
    const named = (document.documentElement.getAttribute('data-i18n-bundles') || '').split(/[\s,]+/).filter(Boolean);
    return ['common'].concat(named.filter(n => n !== 'common'));
  }

  async function load(language) {
    const loaded = await Promise.all(requestedBundles().map(name => loadBundle(name, language)));
    bundles[language] = Object.assign({}, ...loaded);
  }

  function t(key, params) {
    const own = bundles[lang] || {};
    const fallback = bundles.en || {};
    let message = Object.prototype.hasOwnProperty.call(own, key) ? own[key]
      : Object.prototype.hasOwnProperty.call(fallback, key) ? fallback[key] : key;
    if (params) {
      message = String(message).replace(/\{(\w+)\}/g, (whole, name) =>
        Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole);
    }
    return message;
  }

  function apply(root) {
    const scope = root || document;
    scope.querySelectorAll('[data-i18n]').forEach(el => { el.textContent = t(el.getAttribute('data-i18n')); });
    scope.querySelectorAll('[data-i18n-html]').forEach(el => { el.innerHTML = t(el.getAttribute('data-i18n-html')); });
    scope.querySelectorAll('[data-i18n-attr]').forEach(el => {
      el.getAttribute('data-i18n-attr').split(';').filter(Boolean).forEach(pair => {
        const [attribute, key] = pair.split(':').map(s => s.trim());
        if (attribute && key) { el.setAttribute(attribute, t(key)); }
      });
    });
  }

  function setLanguage(language) {
    if (!LANGUAGES[language] || language === lang) { return; }
    try { localStorage.setItem(STORAGE_KEY, language); } catch (e) { /* kept for this page only */ }
    const url = new URL(location.href);
    url.searchParams.delete('lang');
    listeners['language-changed'].forEach(callback => { try { callback(language); } catch (e) { /* its own */ } });
    location.replace(url.toString());
    if (url.toString() === location.href) { location.reload(); }
  }

  function wireSwitcher() {
    const select = document.getElementById('language');
    if (!select) { return; }
    select.innerHTML = '';
    Object.keys(LANGUAGES).forEach(code => {
      const option = document.createElement('option');
      option.value = code;
      option.lang = code;
      option.textContent = LANGUAGES[code];
      option.selected = code === lang;
      select.appendChild(option);
    });
    select.addEventListener('change', () => setLanguage(select.value));
  }

  // ---------- numbers and dates, in the chosen language ----------
  const formats = {};
  function format(name, options) {
    if (!formats[name]) { formats[name] = new Intl.NumberFormat(lang, options); }
    return formats[name];
  }
  function number(v, digits) {
    const d = digits === undefined ? 0 : digits;
    return format('number' + d, { minimumFractionDigits: d, maximumFractionDigits: d }).format(Number(v));
  }
  function percent(share, digits) {
    const d = digits === undefined ? 1 : digits;
    return format('percent' + d, { style: 'percent', minimumFractionDigits: d, maximumFractionDigits: d })
      .format(Number(share));
  }
  function money(v, currency) {
    const c = currency || 'USD';
    return format('money' + c, { style: 'currency', currency: c, maximumFractionDigits: 0 }).format(Number(v));
  }
  function compactMoney(v, currency) {
    const c = currency || 'USD';
    return format('compactMoney' + c, { style: 'currency', currency: c, notation: 'compact',
      maximumFractionDigits: 2 }).format(Number(v));
  }
  function compactNumber(v) {
    return format('compactNumber', { notation: 'compact', maximumFractionDigits: 2 }).format(Number(v));
  }
  function toDate(value) { return value instanceof Date ? value : new Date(value); }
  function date(value) {
    return new Intl.DateTimeFormat(lang, { year: 'numeric', month: 'short', day: 'numeric' }).format(toDate(value));
  }
  function dateTime(value) {
    return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }).format(toDate(value));
  }

  const ready = Promise.all([load(lang), lang === 'en' ? Promise.resolve() : load('en')])
    .then(() => {
      if (document.readyState === 'loading') {
        return new Promise(resolve => document.addEventListener('DOMContentLoaded', resolve, { once: true }));
      }
      return undefined;
    })
    .then(() => { apply(document); wireSwitcher(); });

  window.spmonitorI18n = {
    ready, lang, languages: Object.assign({}, LANGUAGES), t, apply, setLanguage,
    number, percent, money, compactMoney, compactNumber, date, dateTime,
    on(name, callback) { if (listeners[name]) { listeners[name].push(callback); } }
  };
})();
