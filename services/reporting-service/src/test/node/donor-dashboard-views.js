#!/usr/bin/env node
/*
 * The donor dashboard's views in headless Chromium, in a tab that starts signed in (the viewer token is
 * put into sessionStorage before the page loads), printed as one JSON line per step on stdout:
 *   {"step":"default",...}   the page opened without a year: the year chosen, the API's latestWithData
 *   {"step":"world",...}     the world page of <year>: compact figures with their exact values, country
 *                            names with ISO3 in the title, the map and its table, an axe-core scan
 *   {"step":"filtered",...}  the donor filter chosen in the filter bar: the URL, the figures, the programmes
 *   {"step":"shared",...}    that URL opened in a new tab: the same view
 *   {"step":"search",...}    the programme search, typed: rows shown and the URL
 *   {"step":"country",...}   the filtered country page: overdue milestones, indicators chart, an axe scan
 *   {"step":"programme",...} a programme page: achievement against target beneficiaries, an axe scan
 *   {"step":"french",...}    the language switched to French: labels, number format, the view kept, an axe scan
 * Usage: SPMONITOR_VIEWER_TOKEN=<jwt> node donor-dashboard-views.js <base-url> <year> <ISO3 of the EU programme> <donor>
 */
'use strict';

const os = require('os');
const path = require('path');
const { withChromium, signedInPage: openSignedIn, axe, fail } = require('./browser');

const [baseUrl, year, country, donor] = process.argv.slice(2);
const token = process.env.SPMONITOR_VIEWER_TOKEN;
if (!baseUrl || !year || !country || !donor || !token) {
  console.error('usage: SPMONITOR_VIEWER_TOKEN=<jwt> node donor-dashboard-views.js <base-url> <year> <ISO3> <donor>');
  process.exit(2);
}
const TIMEOUT = 30000;
const TOKEN_KEY = 'spmonitor.accessToken';

function emit(step, data) {
  process.stdout.write(JSON.stringify(Object.assign({ step }, data)) + '\n');
}

async function signedInPage(context) {
  return openSignedIn(context, token, TIMEOUT);
}

async function shown(page, view) {
  await page.waitForSelector('body[data-view="' + view + '"] [data-figure="activeBeneficiaries"]');
}

/** A card's figure: what it shows, and its exact value (title) when shown compact. */
async function card(page, key) {
  return page.evaluate(k => {
    const dd = document.querySelector('[data-figure="' + k + '"]');
    if (!dd) { return null; }
    const fit = dd.querySelector('.fit');
    const hidden = dd.querySelector('.visually-hidden');
    const small = dd.querySelector('small');
    const text = fit ? fit.textContent : [...dd.childNodes].filter(n => n !== small).map(n => n.textContent).join('');
    return { shown: text.trim(), exact: fit ? fit.getAttribute('title') : null,
      spoken: hidden ? hidden.textContent.trim() : null,
      label: (document.getElementById('dt-' + k) || { textContent: '' }).textContent.trim() };
  }, key);
}

async function view(page) {
  return page.evaluate(() => ({
    url: location.href,
    hash: location.hash,
    year: document.getElementById('year').value,
    lang: document.documentElement.lang,
    h1: (document.querySelector('main h1') || { textContent: '' }).textContent.trim(),
    donorFilter: document.getElementById('filter-donor').value,
    programmes: [...document.querySelectorAll('#programme-table tbody tr[data-programme]')]
      .filter(r => !r.hidden).map(r => r.dataset.programme),
    overdue: Number((document.getElementById('overdue-milestones') || { dataset: {} }).dataset.count || 0),
    charts: [...document.querySelectorAll('canvas')].length,
    chartsDrawn: [...document.querySelectorAll('canvas')].filter(c => window.Chart && window.Chart.getChart(c)).length,
    skipLink: !!document.querySelector('a.skip-link[href="#main"]'),
    liveRegion: !!document.querySelector('[aria-live="polite"]')
  }));
}

withChromium({ locale: 'en-US' }, async context => {
    const page = await signedInPage(context);

    // no year in the URL: the latest year with data, as the API says
    await page.goto(baseUrl + '/');
    await shown(page, 'global');
    const latest = await page.evaluate(async key => {
      const response = await fetch('/api/v1/dashboards/years', { headers: { Authorization: 'Bearer ' + sessionStorage.getItem(key) } });
      return (await response.json()).latestWithData;
    }, TOKEN_KEY);
    emit('default', Object.assign(await view(page), { latestWithData: latest,
      calendarYear: new Date().getUTCFullYear() }));

    // the world page of the year (a hash change: the page drops body[data-view] until it is drawn)
    await page.evaluate(y => { delete document.body.dataset.view; location.hash = '#/?year=' + y; }, year);
    await page.waitForFunction(y => location.hash.includes('year=' + y) && document.getElementById('year').value === y
      && document.body.dataset.view === 'global', year);
    await page.waitForSelector('#global-trends-table tbody tr');
    const row = page.locator('#country-table tr[data-country="' + country + '"] th a');
    await row.waitFor();
    await page.screenshot({ path: path.join(os.tmpdir(), 'spmonitor-donor-views-world.png'), fullPage: true });
    emit('world', Object.assign(await view(page), {
      activeBeneficiaries: await card(page, 'activeBeneficiaries'),
      executedUsd: await card(page, 'executedUsd'),
      countryName: (await row.innerText()).trim(),
      countryTitle: await row.getAttribute('title'),
      mapDrawn: await page.evaluate(() => !!(window.Chart && Chart.getChart(document.getElementById('coverage-map')))),
      mapLabel: await page.getAttribute('#coverage-map', 'aria-label'),
      mapTable: await page.getAttribute('#coverage-map', 'aria-describedby'),
      countryTable: await page.locator('#country-table tbody tr').count(),
      trendYears: await page.locator('#global-trends-table tbody tr').count(),
      axe: await axe(page),
      errors: page.errors
    }));

    // the donor filter, chosen in the filter bar
    await page.selectOption('#filter-donor', donor);
    await page.waitForFunction(d => location.hash.includes('donor=' + encodeURIComponent(d))
      && document.body.dataset.view === 'global', donor);
    await shown(page, 'global');
    const filtered = Object.assign(await view(page), {
      activeBeneficiaries: await card(page, 'activeBeneficiaries'),
      executedUsd: await card(page, 'executedUsd'),
      note: await page.locator('[data-figure="filtered"]').innerText(),
      axe: await axe(page),
      errors: page.errors
    });
    emit('filtered', filtered);

    // the URL, shared: a new tab shows the same view
    const other = await signedInPage(context);
    await other.goto(filtered.url);
    await shown(other, 'global');
    emit('shared', Object.assign(await view(other), {
      activeBeneficiaries: await card(other, 'activeBeneficiaries'),
      executedUsd: await card(other, 'executedUsd'),
      errors: other.errors
    }));
    await other.close();

    // the programme search, by donor name; the search is in the URL too
    await page.fill('#programme-search', 'world bank');
    await page.waitForFunction(() => location.hash.includes('q=world'));
    emit('search', Object.assign(await view(page), {
      status: (await page.locator('#programme-search-count').innerText()).trim()
    }));
    await page.fill('#programme-search', '');

    // the country page, keeping the filter
    await page.locator('#country-table tr[data-country="' + country + '"] th a').click();
    await page.waitForFunction(c => document.body.dataset.view === 'country' && location.hash.includes('/countries/' + c), country);
    await page.screenshot({ path: path.join(os.tmpdir(), 'spmonitor-donor-views-country.png'), fullPage: true });
    emit('country', Object.assign(await view(page), {
      activeBeneficiaries: await card(page, 'activeBeneficiaries'),
      indicatorsDrawn: await page.evaluate(() => !!(window.Chart && Chart.getChart(document.getElementById('country-indicators')))),
      indicatorRows: await page.locator('#country-indicators-table tbody tr').count(),
      overdueBadges: await page.locator('#overdue-milestones .is-overdue').count(),
      axe: await axe(page),
      errors: page.errors
    }));

    // a programme page
    await page.locator('#programme-table tbody tr[data-programme] th a').first().click();
    await page.waitForSelector('body[data-view="programme"] [data-figure="achievement"]');
    emit('programme', Object.assign(await view(page), {
      achievement: await card(page, 'achievement'),
      targetBeneficiaries: await card(page, 'targetBeneficiaries'),
      overdueRows: await page.locator('#milestones ~ .table-wrap tr.is-overdue').count(),
      axe: await axe(page),
      errors: page.errors
    }));

    // French: back to the filtered world page, then switch the language
    await page.goto(filtered.url);
    await shown(page, 'global');
    await Promise.all([page.waitForNavigation(), page.selectOption('#language', 'fr')]);
    await page.waitForFunction(() => document.documentElement.lang === 'fr' && document.body.dataset.view === 'global');
    await shown(page, 'global');
    await page.screenshot({ path: path.join(os.tmpdir(), 'spmonitor-donor-views-fr.png'), fullPage: true });
    emit('french', Object.assign(await view(page), {
      activeBeneficiaries: await card(page, 'activeBeneficiaries'),
      executedUsd: await card(page, 'executedUsd'),
      yearLabel: (await page.locator('label[for="year"]').innerText()).trim(),
      donorLabel: (await page.locator('label[for="filter-donor"]').innerText()).trim(),
      countryName: (await page.locator('#country-table tr[data-country="' + country + '"] th a').innerText()).trim(),
      axe: await axe(page),
      errors: page.errors
    }));
}).catch(fail);
