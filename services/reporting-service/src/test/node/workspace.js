#!/usr/bin/env node
/*
 * Works in the country team workspace (workspace.html) the way a country officer does, in headless
 * Chromium, against a running stack (the write services are called from the page, across origins),
 * and prints what it saw as one JSON line per step on stdout:
 *   {"step":"opened",...}    the countries offered (from the token's claim), and the periods the first
 *                            one owes (the "Reporting due" table)
 *   {"step":"admin",...}     with SPMONITOR_ADMIN_TOKEN (an administrator's token naming no country): the
 *                            countries offered to it (every ISO 3166-1 country, named)
 *   {"step":"import",...}    a CSV with a good and a bad row: the dry run (the rejected row, its line,
 *                            field and reason), then the confirmed import (double-clicked) and its result
 *   {"step":"list",...}      the imported count in the team's submissions, and its version history
 *   {"step":"form",...}      a count submitted through the form, then corrected; a client-side error;
 *                            a field error from the API at its field; the refusal of another country
 *   {"step":"financing",...} a CSV of financing report lines with a bad row (dry run, confirm), then one
 *                            report through the form after a client-side amount error
 *   {"step":"review",...}    with SPMONITOR_VALIDATOR_TOKEN (a KHM validator's): the review section (which the
 *                            reporter does not see) with what each version changed; a count returned with a
 *                            comment (client-side error, the API's 400 at the field, then done), a stale
 *                            validation (409, the list refreshed) then validated, an import validated by its id,
 *                            a period validated at once (per-item results), axe-core on the section, keyboard
 *                            focus; then the reporter's list shows the count RETURNED with the comment
 *   {"step":"axe",...}       axe-core's serious and critical violations, with a report on the page
 *   {"step":"french",...}    the page after switching the language to French
 *   {"step":"draft",...}     the forms' unsent text after the page was loaded again
 * Usage: SPMONITOR_TOKEN=<jwt> node workspace.js <web-app-url> <programme of the token's country>
 *          <programme of another country> <period for the import> <period for the form>
 * The token (a reporter's) starts in the tab's sessionStorage; it is never printed. The review step needs the
 * form's count and the financing import (KHM), and an indicator result of the programme for 2025Q2 reported
 * twice; it validates every count and indicator result of KHM waiting for 2025Q2.
 */
'use strict';

const fs = require('fs');
const { withChromium, fail } = require('./browser');

const [baseUrl, programme, foreignProgramme, importPeriod, formPeriod] = process.argv.slice(2);
const token = process.env.SPMONITOR_TOKEN;
if (!baseUrl || !programme || !foreignProgramme || !importPeriod || !formPeriod || !token) {
  console.error('usage: SPMONITOR_TOKEN=<jwt> node workspace.js <web-app-url> <programme> <foreign programme>'
    + ' <import period> <form period>');
  process.exit(2);
}
const TIMEOUT = 30000;
const TOKEN_KEY = 'spmonitor.accessToken';

function emit(step, data) {
  process.stdout.write(JSON.stringify(Object.assign({ step }, data)) + '\n');
}

async function text(page, selector) {
  return (await page.locator(selector).first().innerText()).trim();
}

async function ready(page) {
  await page.waitForSelector('body[data-ready="true"]');
}

/** axe-core's violations that are serious or critical (WCAG 2.x A and AA). */
async function axe(page, selector) {
  const source = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate(source); // evaluated by the debugger protocol: the page's CSP does not apply
  return page.evaluate(async context => {
    const result = await window.axe.run(context ? document.querySelector(context) : document,
      { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
      .map(v => ({ id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5) }));
  }, selector || null);
}

function watchErrors(page, provoked) {
  const errors = [];
  page.on('pageerror', e => errors.push(String(e)));
  page.on('console', m => {
    // a refused request (the 400 and 403 this script provokes) is logged by Chromium as a console error
    if (m.type() === 'error' && !(provoked || /status of (400|403)/).test(m.text())) { errors.push(m.text()); }
  });
  return errors;
}

/** The imports the page posts: dry runs and confirmations, with their Idempotency-Key. */
function watchImports(page) {
  const seen = { dryRuns: 0, confirmations: [], apiWithoutBearer: 0, countPosts: 0 };
  page.on('request', async request => {
    const url = request.url();
    if (!url.includes('/api/')) { return; }
    const headers = await request.allHeaders();
    if (headers.authorization !== 'Bearer ' + token && request.method() !== 'OPTIONS') { seen.apiWithoutBearer++; }
    if (request.method() === 'POST' && url.includes('/imports?')) {
      if (url.includes('dryRun=true')) { seen.dryRuns++; } else { seen.confirmations.push(headers['idempotency-key'] || null); }
    }
    if (request.method() === 'POST' && url.endsWith('/api/v1/beneficiary-counts')) { seen.countPosts++; }
  });
  return seen;
}

async function rows(page, selector) {
  return page.locator(selector + ' tbody tr').evaluateAll(trs => trs.map(tr =>
    [...tr.querySelectorAll('td')].map(td => td.textContent.trim())));
}

withChromium({ locale: 'en-GB' }, async context => {
  {
    const page = await context.newPage();
    page.setDefaultTimeout(TIMEOUT);
    await page.addInitScript(([key, value]) => sessionStorage.setItem(key, value), [TOKEN_KEY, token]);
    const errors = watchErrors(page);
    const seen = watchImports(page);
    await page.goto(baseUrl + '/workspace.html?lang=en');
    await ready(page);
    await page.waitForSelector('#owed-table, #owed:not(:empty)');
    emit('opened', {
      owed: await page.locator('#owed-table tbody tr').count(),
      owedCaption: await page.locator('#owed').innerText(),
      countries: await page.locator('#country option').evaluateAll(os => os.map(o => o.value)),
      scope: await text(page, '#scope'),
      lang: await page.evaluate(() => document.documentElement.lang)
    });

    // ---- an administrator whose token names no country is offered every country ----
    if (process.env.SPMONITOR_ADMIN_TOKEN) {
      const adminPage = await context.newPage();
      adminPage.setDefaultTimeout(TIMEOUT);
      await adminPage.addInitScript(([key, value]) => sessionStorage.setItem(key, value),
        [TOKEN_KEY, process.env.SPMONITOR_ADMIN_TOKEN]);
      await adminPage.goto(baseUrl + '/workspace.html?lang=en');
      await ready(adminPage);
      const offered = await adminPage.locator('#country option').evaluateAll(os => os.map(o => [o.value, o.textContent]));
      emit('admin', {
        countries: offered.length,
        khm: (offered.find(([value]) => value === 'KHM') || [])[1] || null,
        zmb: offered.some(([value]) => value === 'ZMB'),
        enabled: await adminPage.locator('#country').isEnabled(),
        scope: await text(adminPage, '#scope')
      });
      await adminPage.close();
    }

    // ---- import: dry run, a rejected row, confirm (twice), result ----
    await page.selectOption('#country', 'KHM');
    await page.waitForSelector('#submissions-table, #submissions:has-text("Nothing")');
    const csv = 'programmeId,period,targetGroup,measure,total,sex.female,sex.male\n'
      + programme + ',' + importPeriod + ',CHILDREN,NEW,1000,600,400\n'
      + programme + ',' + importPeriod + ',OLDER_PERSONS,NEW,100,60,50\n';
    await page.selectOption('#import-kind', 'counts-csv');
    await page.setInputFiles('#import-file', { name: 'counts.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.click('#dry-run-button');
    await page.waitForSelector('#import-report.dry-run');
    const figure = async name => text(page, '#import-report [data-figure="' + name + '"] dd');
    const dryRun = {
      title: await text(page, '#import-report h3'),
      created: await figure('created'), rejected: await figure('rejected'),
      rejections: await rows(page, '#rejections'),
      confirmVisible: await page.isVisible('#confirm-button')
    };
    await page.dblclick('#confirm-button');
    await page.waitForSelector('#import-report.done');
    const result = {
      title: await text(page, '#import-report h3'),
      created: await figure('created'), rejected: await figure('rejected'),
      confirmVisible: await page.isVisible('#confirm-button')
    };
    emit('import', { dryRun, result, dryRuns: seen.dryRuns, confirmations: seen.confirmations });

    // ---- the team's submissions and a version history ----
    const row = page.locator('#submissions-table tbody tr', { hasText: importPeriod }).filter({ hasText: programme }).first();
    await row.waitFor();
    const listed = await row.evaluate(tr => [...tr.querySelectorAll('td')].map(td => td.textContent.trim()));
    await row.locator('button', { hasText: 'History' }).click();
    await page.waitForSelector('#history table');
    emit('list', { row: listed, history: await rows(page, '#history'), historyTitle: await text(page, '#history h3') });

    // ---- one count through the form: submit, correct, client and server errors, another country ----
    const fill = async (values) => {
      for (const [id, value] of Object.entries(values)) {
        if (id === 'count-targetGroup' || id === 'count-measure') { await page.selectOption('#' + id, value); }
        else { await page.fill('#' + id, value); }
      }
    };
    const submit = async () => {
      await page.evaluate(() => { document.getElementById('count-result').textContent = ''; });
      await page.click('#count-submit');
      await page.waitForFunction(() => document.getElementById('count-result').textContent
        || document.getElementById('count-form-error').textContent);
      return { result: await page.locator('#count-result').innerText(), error: await page.locator('#count-form-error').innerText() };
    };
    await fill({ 'count-programmeId': programme, 'count-period': formPeriod, 'count-targetGroup': 'CHILDREN',
      'count-measure': 'ACTIVE', 'count-total': '500', 'count-sex-female': '300', 'count-sex-male': '200' });
    const submitted = await submit();
    await fill({ 'count-total': '600', 'count-sex-female': '300', 'count-sex-male': '300' });
    const corrected = await submit();

    const postsBefore = seen.countPosts;
    await fill({ 'count-total': '600', 'count-sex-female': '300', 'count-sex-male': '200' });
    await page.click('#count-submit');
    const clientError = { sex: await text(page, '#count-sex-error'), posts: seen.countPosts - postsBefore,
      focused: await page.evaluate(() => document.activeElement && document.activeElement.id) };

    await fill({ 'count-programmeId': 'prg-does-not-exist', 'count-sex-male': '300' });
    await page.click('#count-submit');
    await page.waitForFunction(() => document.getElementById('count-programmeId-error').textContent);
    const serverError = { programmeId: await text(page, '#count-programmeId-error'),
      invalid: await page.getAttribute('#count-programmeId', 'aria-invalid'),
      focused: await page.evaluate(() => document.activeElement && document.activeElement.id) };

    await fill({ 'count-programmeId': foreignProgramme });
    const refused = await submit();
    emit('form', { submitted, corrected, clientError, serverError, refused });

    // ---- financing: a CSV of report lines with a bad row, dry run and confirm; one report through the form ----
    const lines = 'country,period,currency,programmeId,function,source,allocated,executed,gdp,totalGovernmentExpenditure\n'
      + 'KHM,' + importPeriod + ',KHR,,FAMILY,DOMESTIC_TAX,1000000,900000,,\n'
      + 'KHM,' + importPeriod + 'X,KHR,,OLD_AGE,DOMESTIC_TAX,5,,,\n';
    await page.selectOption('#import-kind', 'financing-csv');
    await page.setInputFiles('#import-file', { name: 'lines.csv', mimeType: 'text/csv', buffer: Buffer.from(lines) });
    await page.click('#dry-run-button');
    await page.waitForSelector('#import-report.dry-run');
    const financingDryRun = { created: await figure('created'), rejected: await figure('rejected'),
      rejections: await rows(page, '#rejections') };
    await page.click('#confirm-button');
    await page.waitForSelector('#import-report.done');
    const financingResult = { created: await figure('created'), rejected: await figure('rejected') };
    await page.fill('#financing-period', formPeriod);
    await page.fill('#financing-currency', 'khr');
    await page.selectOption('#financing-function', 'FAMILY');
    await page.selectOption('#financing-source', 'EXTERNAL_GRANT');
    await page.fill('#financing-allocated', '12.12345');
    await page.click('#financing-submit');
    const amountError = await text(page, '#financing-allocated-error');
    await page.fill('#financing-allocated', '500000.50');
    await page.fill('#financing-executed', '400000');
    await page.click('#financing-submit');
    await page.waitForFunction(() => document.getElementById('financing-result').textContent
      || document.getElementById('financing-form-error').textContent);
    const financingImportId = ((await text(page, '#import-report .ws-next')).match(/Import ([^\s:]+)/) || [])[1];
    emit('financing', { dryRun: financingDryRun, result: financingResult, amountError, importId: financingImportId,
      form: await page.locator('#financing-result').innerText(), formError: await page.locator('#financing-form-error').innerText() });

    // ---- a validator reviews what KHM submitted; the reporter sees the outcome ----
    if (process.env.SPMONITOR_VALIDATOR_TOKEN) {
      const reporterSeesReview = await page.isVisible('#review');
      const v = await context.newPage();
      v.setDefaultTimeout(TIMEOUT);
      await v.addInitScript(([key, value]) => sessionStorage.setItem(key, value),
        [TOKEN_KEY, process.env.SPMONITOR_VALIDATOR_TOKEN]);
      const validatorErrors = watchErrors(v, /status of (400|403|409)/);
      const reviewPosts = [];
      v.on('request', r => { if (r.method() === 'POST' && /\/reviews?$/.test(r.url())) { reviewPosts.push(r.url()); } });
      await v.goto(baseUrl + '/workspace.html?lang=en');
      await ready(v);
      await v.selectOption('#country', 'KHM');
      await v.waitForSelector('#review-counts');
      const countRow = period => v.locator('#review-counts tbody tr', { hasText: period }).filter({ hasText: programme });
      const cells = async locator => locator.first().evaluate(tr => [...tr.querySelectorAll('td')].map(td => td.textContent.trim()));
      const result = async () => {
        await v.waitForFunction(() => document.getElementById('review-result').textContent);
        return { text: await text(v, '#review-result'), focused: await v.evaluate(() => document.activeElement.id) };
      };
      const clearResult = () => v.evaluate(() => { document.getElementById('review-result').textContent = ''; });
      const opened = { visible: await v.isVisible('#review'), scope: await text(v, '#scope'),
        caption: await text(v, '#review-counts caption'), formCount: await cells(countRow(formPeriod)),
        indicator: await cells(v.locator('#review-indicators tbody tr', { hasText: programme })) };

      // return the form's count: by keyboard, a comment is required, the API's limit shows at the field
      await countRow(formPeriod).locator('button[data-action="return"]').focus();
      await v.keyboard.press('Enter');
      const returnFocus = await v.evaluate(() => document.activeElement.id);
      const postsBefore = reviewPosts.length;
      await v.click('#review-return-submit');
      const clientError = { comment: await text(v, '#review-comment-error'), posts: reviewPosts.length - postsBefore,
        focused: await v.evaluate(() => document.activeElement.id) };
      await v.fill('#review-comment', 'x'.repeat(2001));
      await v.click('#review-return-submit');
      await v.waitForFunction(() => document.getElementById('review-comment-error').textContent);
      const serverError = { comment: await text(v, '#review-comment-error'),
        invalid: await v.getAttribute('#review-comment', 'aria-invalid') };
      await v.fill('#review-comment', 'the total counts households, not persons');
      await v.keyboard.press('Tab');
      await v.keyboard.press('Enter');
      const returned = await result();
      const stillListed = await countRow(formPeriod).count();

      // a stale validation: the reporters correct the imported count meanwhile (409, the list shows the new version)
      await clearResult();
      await fill({ 'count-programmeId': programme, 'count-period': importPeriod, 'count-targetGroup': 'CHILDREN',
        'count-measure': 'NEW', 'count-total': '1100', 'count-sex-female': '600', 'count-sex-male': '500',
        'count-sex-unknown': '' });
      const correction = await submit();
      await countRow(importPeriod).locator('button[data-action="validate"]').click();
      const stale = await result();
      const refreshed = await cells(countRow(importPeriod));
      await countRow(importPeriod).locator('button', { hasText: 'Versions' }).click();
      await v.waitForSelector('#review-versions table');
      const versions = { rows: await rows(v, '#review-versions'),
        focused: await v.evaluate(() => document.activeElement.id) };
      await clearResult();
      await countRow(importPeriod).locator('button[data-action="validate"]').click();
      const validated = await result();

      // the financing import, validated by its id
      await v.fill('#review-import-id', financingImportId || '');
      await v.click('#review-validate-import');
      await v.waitForSelector('#review-bulk:not([hidden]) h3');
      const bulkFigure = async name => text(v, '#review-bulk [data-figure="' + name + '"] dd');
      const byImport = { title: await text(v, '#review-bulk h3'), reviewed: await bulkFigure('reviewed'),
        conflicts: await bulkFigure('conflicts'), items: await rows(v, '#review-bulk-items') };

      // a whole period at once: what waits for 2025Q2, then all of it validated
      await v.fill('#review-period', '2025Q2');
      await v.click('#review-show');
      await v.waitForFunction(() => /2025Q2/.test((document.querySelector('#review-counts caption, #review-counts-none')
        || {}).textContent || ''));
      const waiting = await v.locator('#review-counts tbody tr').count();
      const waitingIndicators = await v.locator('#review-indicators tbody tr').count();
      await v.evaluate(() => { document.getElementById('review-bulk').hidden = true; });
      await v.click('#review-validate-period');
      await v.waitForSelector('#review-bulk:not([hidden]) h3');
      await v.waitForSelector('#review-counts-none');
      await v.waitForSelector('#review-indicators-none');
      const byPeriod = { waiting, waitingIndicators, title: await text(v, '#review-bulk h3'), reviewed: await bulkFigure('reviewed'),
        unchanged: await bulkFigure('unchanged'), conflicts: await bulkFigure('conflicts'),
        items: await rows(v, '#review-bulk-items'), after: await text(v, '#review-counts-none'),
        focused: await v.evaluate(() => document.activeElement.id),
        announced: await text(v, '#announcer') };

      // axe-core on the section, with the lists, a bulk result and the return form with an error; Escape closes it
      await v.fill('#review-period', '');
      await v.click('#review-show');
      await v.waitForSelector('#review-financing tbody tr');
      await v.locator('#review-financing tbody tr button[data-action="return"]').first().click();
      await v.click('#review-return-submit');
      const violations = await axe(v, '#review');
      await v.keyboard.press('Escape');
      const afterEscape = { hidden: await v.isHidden('#review-return'),
        focused: await v.evaluate(() => document.activeElement.getAttribute('data-action')) };
      await v.close();

      // the reporters' list: the count is RETURNED with the comment
      await page.selectOption('#list-kind', 'counts');
      await page.click('#refresh-button');
      const reporterRow = page.locator('#submissions-table tbody tr', { hasText: formPeriod }).filter({ hasText: programme });
      await reporterRow.filter({ hasText: 'returned' }).first().waitFor();
      emit('review', { reporterSeesReview, opened, returnFocus, clientError, serverError, returned, stillListed,
        correction, stale, refreshed, versions, validated, byImport, byPeriod, violations, afterEscape,
        reporterRow: await cells(reporterRow), errors: validatorErrors });
    }

    // ---- accessibility, with a report and errors on the page ----
    emit('axe', { violations: await axe(page) });

    // ---- French ----
    await page.selectOption('#language', 'fr');
    await page.waitForFunction(() => document.documentElement.lang === 'fr');
    await ready(page);
    emit('french', {
      lang: await page.evaluate(() => document.documentElement.lang),
      title: await text(page, 'h1'),
      check: await text(page, '#dry-run-button'),
      total: await text(page, 'label[for="count-total"]'),
      listCaption: await text(page, '#submissions-table caption'),
      axe: await axe(page),
      errors, apiWithoutBearer: seen.apiWithoutBearer
    });

    // ---- unsent text survives the page going away (as on a token renewal at the issuer) ----
    await page.fill('#count-period', '2024Q3');
    await page.fill('#count-total', '4321');
    await page.fill('#financing-currency', 'XOF');
    // a new navigation, as the round trip to the issuer is (a reload could have the browser restore the fields)
    await page.goto(baseUrl + '/workspace.html?lang=en');
    await ready(page);
    emit('draft', {
      period: await page.inputValue('#count-period'),
      total: await page.inputValue('#count-total'),
      currency: await page.inputValue('#financing-currency')
    });
  }
}).catch(fail);
