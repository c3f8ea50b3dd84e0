// units.js (the browser's units engine) against the golden vectors that the reference
// engine, macros/units.py, computed (tests/golden/units-vectors.json, written by
// scripts/units_vectors.py). Run with `node --test tests/js/`; pytest runs it too
// (tests/test_javascript.py), so `make test` and `make test-fast` cover it.
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const U = require(path.join(ROOT, 'docs', 'assets', 'javascripts', 'units.js'));
const vectors = JSON.parse(fs.readFileSync(path.join(ROOT, 'tests', 'golden', 'units-vectors.json'), 'utf8'));

test('the vectors cover both methods, ties, untimed and region codes, and thousands of visits', () => {
  assert.deepEqual(U.METHODS, vectors.methods);
  assert.ok(vectors.visits.length >= 2000, `only ${vectors.visits.length} visits`);
  const bases = new Set(Object.values(vectors.basis));
  assert.deepEqual([...bases].sort(), ['per_session', 'region_count', 'timed_15']);
  assert.ok(vectors.visits.some((v) => v.medicare.ties.length > 0), 'no tie among the vectors');
  for (const name of ['cms-example-1', 'cms-example-2-either-code', 'cms-example-3', 'cms-example-4']) {
    assert.ok(vectors.visits.some((v) => v.name === name), `${name} is missing`);
  }
});

test('the vectors hold every kind of explanation step', () => {
  const kinds = new Set();
  for (const vector of vectors.visits) {
    for (const method of vectors.methods) vector[method].explanation.forEach((step) => kinds.add(step.kind));
  }
  assert.deepEqual([...kinds].sort(), [...vectors.step_kinds].sort());
});

test('the units table: units and row for every total from 0 to 200 minutes', () => {
  for (const [total, units, row] of vectors.table) {
    assert.equal(U.unitsForTotalMinutes(total), units, `units for ${total} minutes`);
    assert.deepEqual(U.unitsTableRow(total), row, `table row for ${total} minutes`);
  }
});

test('every visit under both methods: units, total, table row, ties, untimed codes and explanation', () => {
  let checked = 0;
  for (const vector of vectors.visits) {
    for (const method of vectors.methods) {
      const expected = vector[method];
      const got = U.explainAllocation(vector.visit, vectors.basis, method);
      const where = `${vector.name} (${method}): ${JSON.stringify(vector.visit)}`;
      assert.deepEqual(vector.visit.map(([code]) => got.units[code]), expected.units, where);
      assert.deepEqual(got.order, vector.visit.map(([code]) => code), where);
      assert.equal(got.totalTimedMinutes, expected.total, where);
      assert.deepEqual(got.tableRow, expected.row, where);
      assert.deepEqual(got.ties, expected.ties, where);
      assert.deepEqual(got.untimedCodes, expected.untimed, where);
      // The steps that say how the units were shared out: the same objects, field for field.
      assert.deepEqual(got.explanation, expected.explanation, where);
      checked += 1;
    }
  }
  assert.equal(checked, 2 * vectors.visits.length);
});

test('inputs the reference engine refuses are refused, naming the problem', () => {
  for (const error of vectors.errors) {
    assert.throws(
      () => U.explainAllocation(error.visit, error.basis || vectors.basis, error.method),
      (thrown) => thrown instanceof Error && thrown.message.includes(error.expect),
      `${JSON.stringify(error)} should be refused with a message naming "${error.expect}"`);
  }
});
