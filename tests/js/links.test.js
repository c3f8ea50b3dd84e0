// The pure part of docs/assets/javascripts/links.js: the date a citation says it was
// accessed and the address a "Copy link" button copies. What only a page shows (the
// buttons, the live region, the fallback field) is tested in Chromium by
// tests/test_sharing_browser.py.
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');

const L = require(path.resolve(__dirname, '..', '..', 'docs', 'assets', 'javascripts', 'links.js'));

test('dates are written as the site writes them', () => {
  assert.equal(L.longDate(new Date(2026, 11, 1)), 'December 1, 2026');
  assert.equal(L.longDate(new Date(2027, 0, 31)), 'January 31, 2027');
});

test('a link is the canonical address with the anchor, under a project subpath too', () => {
  const canonical = 'https://example.github.io/reference/codes/97140/';
  assert.equal(L.anchorAddress(L.pageAddress(canonical, 'http://127.0.0.1:8000/codes/97140/#units'), 'units'),
    'https://example.github.io/reference/codes/97140/#units');
  // A fragment already on the address is replaced, never doubled.
  assert.equal(L.pageAddress(canonical + '#medicare', 'x'), canonical);
});

test('a page without a canonical link uses its own address, without the fragment', () => {
  assert.equal(L.pageAddress(null, 'http://127.0.0.1:8000/faq/#old-anchor'), 'http://127.0.0.1:8000/faq/');
  assert.equal(L.pageAddress('', 'http://127.0.0.1:8000/faq/'), 'http://127.0.0.1:8000/faq/');
});

test('an anchor is written so the address stays one address', () => {
  assert.equal(L.anchorAddress('https://x.test/faq/', 'modifier-59'), 'https://x.test/faq/#modifier-59');
  assert.equal(L.anchorAddress('https://x.test/faq/', 'a b#c'), 'https://x.test/faq/#a%20b%23c');
});

test('copied text has its whitespace folded', () => {
  assert.equal(L.foldSpace('  “97140 · Title.”\n   Site.  '), '“97140 · Title.” Site.');
});
