#!/usr/bin/env node
/*
 * The donor dashboard as of a date, the audit trail of its figures and the reporting completeness
 * (ADR 0019-0021), in headless Chromium, in a tab that starts signed in (the viewer token is put into
 * sessionStorage before the page loads). One JSON line per step on stdout:
 *   {"step":"before",...}     the country page opened as of <before> (a URL with asOf): the banner, the
 *                             figures, live updates paused, links and exports carrying asOf, an axe scan
 *   {"step":"after",...}      the date control set to <after> (after the correction): the figures, then the
 *                             validated figures as of that date
 *   {"step":"audit",...}      "How this figure was made" of the target group's ACTIVE count, opened with the
 *                             keyboard: every step, an axe scan with the dialog open, focus back on Escape
 *   {"step":"compare",...}    what changed between <before> and the page's date, by whom and when
 *   {"step":"programme",...}  the programme page as of <after> and its audit trail
 *   {"step":"world",...}      the world page as of <before>: the country's row, its link keeping asOf, the
 *                             completeness by country and its CSV
 *   {"step":"live",...}       back to live figures: the date gone from the URL, live updates on again
 *   {"step":"completeness",...} the country's reporting completeness (live), its CSV, an axe scan
 *   {"step":"financing",...}  how the country's financing figures were made: the whole country's report
 *   {"step":"refused",...}    a view the server refuses (a 400 problem) as of a date: its detail shown
 * Usage: SPMONITOR_VIEWER_TOKEN=<jwt> node donor-dashboard-history.js <base-url> <year> <ISO3> <before> <after>
 * (<before> and <after> are days, YYYY-MM-DD.)
 */
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const { withChromium, signedInPage: openSignedIn, axe, fail } = require('./browser');

const [baseUrl, year, country, before, after] = process.argv.slice(2);
const token = process.env.SPMONITOR_VIEWER_TOKEN;
if (!baseUrl || !year || !country || !before || !after || !token) {
  console.error('usage: SPMONITOR_VIEWER_TOKEN=<jwt> node donor-dashboard-history.js <base-url> <year> <ISO3> <before> <after>');
  process.exit(2);
}
const TIMEOUT = 30000;

function emit(step, data) {
  process.stdout.write(JSON.stringify(Object.assign({ step }, data)) + '\n');
}

async function signedInPage(context) {
  return openSignedIn(context, token, TIMEOUT, /status of 400/);
}

/** The view drawn: body[data-view] set, with the hash holding what is asked. */
async function drawn(page, kind, hashPart) {
  await page.waitForFunction(([k, h]) => document.body.dataset.view === k && location.hash.includes(h), [kind, hashPart]);
}

async function text(page, selector) {
  const found = page.locator(selector).first();
  return (await found.count()) ? (await found.innerText()).trim() : null;
}

/** The rows of a table, each as {key: data attribute, cells: [texts]}. */
async function rows(page, selector, key) {
  return page.evaluate(([s, k]) => [...document.querySelectorAll(s)].map(r => ({ key: r.dataset[k] || null,
    later: r.classList.contains('later'), cells: [...r.children].map(c => c.innerText.trim()) })), [selector, key]);
}

async function state(page) {
  return page.evaluate(() => ({
    url: location.href,
    hash: location.hash,
    asOfControl: document.getElementById('as-of').value,
    banner: (document.querySelector('#as-of-banner strong') || { textContent: '' }).textContent.trim(),
    live: document.body.dataset.live,
    connection: document.getElementById('connection-text').textContent.trim(),
    h1: (document.querySelector('main h1') || { textContent: '' }).textContent.trim(),
    exports: [...document.querySelectorAll('main button[data-export]:not([data-completeness-csv])')].map(b => b.dataset.export),
    crumbs: [...document.querySelectorAll('#breadcrumbs a')].map(a => a.getAttribute('href'))
  }));
}

async function download(page, selector) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.locator(selector).click()]);
  return { name: file.suggestedFilename(), lines: fs.readFileSync(await file.path(), 'utf8').split(/\r?\n/).filter(Boolean) };
}

withChromium({ locale: 'en-US', acceptDownloads: true }, async context => {
  const page = await signedInPage(context);

  // the country page as of <before>, from a shared URL
  await page.goto(baseUrl + '/#/countries/' + country + '?year=' + year + '&asOf=' + before);
  await drawn(page, 'country', 'asOf=' + before);
  await page.waitForSelector('#as-of-banner');
  await page.screenshot({ path: path.join(os.tmpdir(), 'spmonitor-donor-asof.png') });
  emit('before', Object.assign(await state(page), {
    activeBeneficiaries: await text(page, '[data-figure="activeBeneficiaries"]'),
    programmeLinks: await page.evaluate(() => [...document.querySelectorAll('#programme-table a')].map(a => a.getAttribute('href'))),
    axe: await axe(page),
    errors: page.errors
  }));

  // the page-wide date control: after the correction; then the validated figures of that date
  await page.fill('#as-of', after);
  await drawn(page, 'country', 'asOf=' + after);
  const afterAll = await text(page, '[data-figure="activeBeneficiaries"]');
  await page.selectOption('#validation', 'validated');
  await page.waitForSelector('body[data-view="country"] [data-figure="validatedShare"][data-view="validated"]');
  const afterValidated = await text(page, '[data-figure="activeBeneficiaries"]');
  const validatedHash = await page.evaluate(() => location.hash);
  await page.selectOption('#validation', 'all');
  await page.waitForSelector('body[data-view="country"] [data-figure="validatedShare"][data-view="all"]');
  emit('after', Object.assign(await state(page), { activeBeneficiaries: afterAll, validatedActiveBeneficiaries: afterValidated,
    validatedHash, errors: page.errors }));

  // how the children's ACTIVE figure was made, opened and closed with the keyboard
  const opener = '#country-target-groups tr[data-group="CHILDREN"] button[data-audit-measure="ACTIVE"]';
  await page.locator(opener).focus();
  await page.keyboard.press('Enter');
  await page.waitForSelector('body[data-audit="shown"] #audit-dialog[open] .audit-fact');
  await page.screenshot({ path: path.join(os.tmpdir(), 'spmonitor-donor-audit.png'), fullPage: false });
  const audit = {
    title: await text(page, '#audit-title'),
    focusInDialog: await page.evaluate(() => document.getElementById('audit-dialog').contains(document.activeElement)),
    facts: await page.evaluate(() => [...document.querySelectorAll('#audit-dialog .audit-fact')].map(f => ({
      fact: f.dataset.fact, state: f.dataset.state, heading: f.querySelector('h4').textContent.trim() }))),
    headings: await page.evaluate(() => [...document.querySelectorAll('#audit-dialog h2, #audit-dialog h3, #audit-dialog h4')]
      .map(h => h.tagName)),
    steps: await rows(page, '#audit-dialog tbody tr[data-audit-step]', 'auditStep'),
    columns: await page.evaluate(() => [...document.querySelectorAll('#audit-dialog .audit-fact thead th')]
      .map(th => th.getAttribute('scope') + ':' + th.textContent.trim())),
    axe: await axe(page)
  };
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => !document.getElementById('audit-dialog').open && !document.body.dataset.audit);
  audit.focusBack = await page.evaluate(o => document.activeElement === document.querySelector(o), opener);
  audit.errors = page.errors;
  emit('audit', audit);

  // what changed between <before> and the page's date
  await page.fill('#history-from', before);
  await page.locator('#history-form button[value="compare"]').click();
  await page.waitForSelector('#history-result tr[data-change]');
  emit('compare', {
    title: await text(page, '#history-result h3'),
    button: await text(page, '#history-form button'),
    changes: await rows(page, '#history-result tr[data-change]', 'change'),
    steps: await rows(page, '#history-result tr[data-step]', 'step'),
    errors: page.errors
  });

  // the programme page keeps the date; its own audit trail
  await page.locator('#programme-table tbody tr[data-programme] th a').first().click();
  await drawn(page, 'programme', 'asOf=' + after);
  const programme = Object.assign(await state(page), { activeBeneficiaries: await text(page, '[data-figure="activeBeneficiaries"]') });
  await page.locator('main button[data-audit]:not([data-audit-measure])').click();
  await page.waitForSelector('body[data-audit="shown"] #audit-dialog[open]');
  programme.auditFacts = await page.evaluate(() => [...document.querySelectorAll('#audit-dialog .audit-fact')]
    .map(f => f.dataset.fact));
  programme.auditSteps = await rows(page, '#audit-dialog tbody tr[data-audit-step]', 'auditStep');
  await page.locator('#audit-close').click();
  await page.waitForFunction(() => !document.getElementById('audit-dialog').open);
  programme.errors = page.errors;
  emit('programme', programme);

  // the world as of <before>: date control, then the breadcrumb (which keeps it)
  await page.fill('#as-of', before);
  await drawn(page, 'programme', 'asOf=' + before);
  await page.locator('#breadcrumbs a').first().click();
  await drawn(page, 'global', 'asOf=' + before);
  await page.waitForSelector('#completeness-countries tr[data-country="' + country + '"]');
  const worldCsv = await download(page, 'button[data-completeness-csv]');
  emit('world', Object.assign(await state(page), {
    countryRow: await rows(page, '#country-table tr[data-country="' + country + '"]', 'country'),
    countryLink: await page.getAttribute('#country-table tr[data-country="' + country + '"] th a', 'href'),
    completenessRow: await rows(page, '#completeness-countries tr[data-country="' + country + '"]', 'country'),
    completenessLink: await page.getAttribute('#completeness-countries tr[data-country="' + country + '"] th a', 'href'),
    csv: worldCsv,
    axe: await axe(page),
    errors: page.errors
  }));

  // back to live figures
  await page.locator('#as-of-banner button[data-live]').click();
  await page.waitForFunction(() => document.body.dataset.view === 'global' && !location.hash.includes('asOf=')
    && document.body.dataset.live === 'on');
  emit('live', Object.assign(await state(page), {
    activeBeneficiaries: await text(page, '[data-figure="activeBeneficiaries"]'),
    bannerShown: await page.locator('#as-of-banner').count(),
    errors: page.errors
  }));

  // the country's reporting completeness, reached from the world's completeness table
  await page.locator('#completeness-countries tr[data-country="' + country + '"] th a').click();
  await drawn(page, 'country', '/countries/' + country);
  await page.waitForSelector('#completeness-datasets');
  await page.locator('#completeness').scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(os.tmpdir(), 'spmonitor-donor-completeness.png') });
  const countryCsv = await download(page, 'button[data-completeness-csv]');
  emit('completeness', {
    datasets: await rows(page, '#completeness-datasets tbody tr', 'dataset'),
    programmes: await rows(page, '#completeness-programmes tbody tr', 'programme'),
    owed: await rows(page, '#completeness-owed tbody tr[data-owed]', 'owed'),
    owedCaption: await text(page, '#completeness-owed caption'),
    csv: countryCsv,
    axe: await axe(page),
    errors: page.errors
  });

  // how the country's financing figures were made
  await page.locator('[data-audit-of="FINANCING"] button').click();
  await page.waitForSelector('body[data-audit="shown"] #audit-dialog[open]');
  emit('financing', {
    facts: await page.evaluate(() => [...document.querySelectorAll('#audit-dialog .audit-fact')].map(f => ({
      fact: f.dataset.fact, state: f.dataset.state, heading: f.querySelector('h4').textContent.trim() }))),
    sections: await page.evaluate(() => [...document.querySelectorAll('#audit-dialog h3')].map(h => h.textContent.trim())),
    steps: await rows(page, '#audit-dialog tbody tr[data-audit-step]', 'auditStep'),
    errors: page.errors
  });
  await page.locator('#audit-close').click();
  await page.waitForFunction(() => !document.getElementById('audit-dialog').open);

  // a view the server refuses, as of a date: the problem's detail, and the way back
  await page.goto(baseUrl + '/#/?year=1899&asOf=' + before);
  await page.waitForSelector('main [data-problem="view"]');
  emit('refused', Object.assign(await state(page), {
    problem: await text(page, 'main [data-problem="view"]'),
    backToLive: await page.locator('#as-of-banner button[data-live]').count()
  }));
}).catch(fail);
