// The pure part of the visit calculator (docs/assets/javascripts/calculator.js): reading a
// shared link and counting the form's rows. What only a page shows (rendering, focus, the
// address bar) is tested in Chromium by tests/test_calculator_js.py.
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');

const C = require(path.resolve(__dirname, '..', '..', 'docs', 'assets', 'javascripts', 'calculator.js'));

// Test rules: a few codes and two method names (their wording is this test's own).
const RULES = {
  codes: { 97110: { basis: 'timed_15' }, 97140: { basis: 'timed_15' }, 97161: { basis: 'per_session' },
    G0283: { basis: 'per_session' } },
  methods: { medicare: 'Method A', 'per-code': 'Method B' },
};

function link(pairs) {
  return '?' + pairs.map(([k, v]) => encodeURIComponent(k) + '=' + encodeURIComponent(v)).join('&');
}

test('a plain link gives its method and rows in order, and no notice', () => {
  assert.deepEqual(C.readLink('?method=per-code&97110=33&97140=7', RULES),
    { method: 'per-code', rows: [['97110', 33], ['97140', 7]], notices: [] });
  assert.deepEqual(C.readLink('', RULES), { method: null, rows: [], notices: [] });
  // Lower-case letter codes are read as the code; other keys (?h= highlight) are not rows.
  assert.deepEqual(C.readLink('?g0283=10&h=search', RULES).rows, [['G0283', 10]]);
});

test('a repeated method: the first counts and the reader is told', () => {
  const state = C.readLink('?method=per-code&97110=10&method=medicare', RULES);
  assert.equal(state.method, 'per-code');
  assert.equal(state.notices.length, 1);
  assert.match(state.notices[0], /counting method 2 times \("per-code" and "medicare"\); only the first counts/);
  assert.match(state.notices[0], /shows Method B/);
  // An unknown first method is not replaced by a later one: the default is shown, and said.
  const unknown = C.readLink('?method=cms&method=per-code', RULES);
  assert.equal(unknown.method, null);
  assert.match(unknown.notices.join(' '), /unknown counting method "cms"; showing Method A instead/);
  assert.match(unknown.notices.join(' '), /only the first counts, so this shows Method A/);
});

test('unknown codes and bad minutes are left out and named', () => {
  const state = C.readLink('?method=medicare&99999=10&12345=1&97110=abc&97140=-4&97161=7.5&97140=20', RULES);
  assert.deepEqual(state.rows, [['97140', 20]]);
  const text = state.notices.join(' | ');
  assert.match(text, /codes 99999 and 12345, which this calculator does not cover; they were left out/);
  assert.match(text, /"abc" as the minutes for 97110: .*so that entry was left out, and the visit has no other row for 97110\./);
  assert.match(text, /"7\.5" as the minutes for 97161/);
  assert.match(text, /"-4" as the minutes for 97140: .*; the link's other row for 97140 is kept\./);
});

test('a bad entry of a code that has other rows says those rows are kept (not "the code was left out")', () => {
  const state = C.readLink('?97110=10&97110=abc&97110=5', RULES);
  assert.deepEqual(state.rows, [['97110', 10], ['97110', 5]]);
  assert.equal(state.notices.length, 1);
  assert.match(state.notices[0], /so that entry was left out; the link's other 2 rows for 97110 are kept\./);
  assert.doesNotMatch(state.notices[0], /code was left out/);
});

test(`a link with more than ${C.MAX_ROWS} rows keeps the first ${C.MAX_ROWS} and names the dropped entries`, () => {
  const pairs = [];
  for (let i = 0; i < 500; i += 1) pairs.push([i % 2 ? '97110' : '97140', String(i % 60)]);
  const started = process.hrtime.bigint();
  const state = C.readLink(link(pairs), RULES);
  const millis = Number(process.hrtime.bigint() - started) / 1e6;
  assert.equal(state.rows.length, C.MAX_ROWS);
  assert.deepEqual(state.rows, pairs.slice(0, C.MAX_ROWS).map(([c, m]) => [c, Number(m)]));
  assert.equal(state.notices.length, 1);
  assert.match(state.notices[0], new RegExp(`more than ${C.MAX_ROWS} rows.*the first ${C.MAX_ROWS} are shown ` +
    `and the 480 entries after them were left out: 97140=20, 97110=21, .* and 470 more\\.`));
  assert.ok(millis < 100, `reading a 500-row link took ${millis} ms`);
  // Exactly the limit: nothing dropped.
  assert.deepEqual(C.readLink(link(pairs.slice(0, C.MAX_ROWS)), RULES).notices, []);
});

test('rows of one code are added together and counted as one code', () => {
  const counted = C.countRows([['97110', 20], ['97140', 7], ['97110', 13], ['', 5]]);
  assert.deepEqual(counted.pairs, [['97110', 33], ['97140', 7]]);
  assert.deepEqual(counted.query, [['97110', '20'], ['97140', '7'], ['97110', '13']]);
  assert.deepEqual(counted.invalid, []);
  assert.deepEqual(counted.notices, ['97110 is in 2 rows: their minutes are added together and counted as one code.']);
});

test(`rows of one code may not add up to more than ${C.MAX_MINUTES} minutes (one day)`, () => {
  // Two rows of 1440 minutes for one code counted 192 units; now the code is left out and said so.
  const counted = C.countRows([['97110', 1440], ['97140', 20], ['97110', 1440]]);
  assert.deepEqual(counted.pairs, [['97140', 20]]);
  assert.deepEqual(counted.invalid, [0, 2]);
  assert.deepEqual(counted.query, [['97140', '20']]);
  assert.equal(counted.notices.length, 1);
  assert.match(counted.notices[0], /97110 is in 2 rows that add up to 2880 minutes, more than one day \(1440 minutes\): 97110 is left out until its rows are fixed\./);
  // Exactly one day across rows is allowed.
  assert.deepEqual(C.countRows([['97110', 1000], ['97110', 440]]).pairs, [['97110', 1440]]);
});

test('a row with bad minutes is left out on its own and named by its number', () => {
  const counted = C.countRows([['97110', 33], ['97140', null], ['97140', 10], ['97161', '']]);
  assert.deepEqual(counted.pairs, [['97110', 33], ['97140', 10], ['97161', 0]]);
  assert.deepEqual(counted.invalid, [1]);
  assert.match(counted.notices[0], /^Row 2 \(97140\): minutes must be a whole number from 0 to 1440\. This row is left out until it is fixed\.$/);
});

test('minutes: whole numbers 0 to 1440, blank, or bad', () => {
  assert.deepEqual(['0', ' 15 ', '1440', '', '1441', '-1', '7.5', '1e3', 'abc'].map(C.parseMinutes),
    [0, 15, 1440, '', null, null, null, null, null]);
});
