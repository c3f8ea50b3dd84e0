/*
 * Billing-units engine for the browser: the same rules as macros/units.py, the
 * reference implementation. tests/js/units.test.js checks this file against the
 * golden vectors that macros/units.py computes (tests/golden/units-vectors.json).
 *
 * Medicare (Claims Processing Manual Ch. 5 §20.2): pool the minutes of all
 * "timed_15" codes, take the day's units from the 15-minute table, give each
 * code one unit per full 15 minutes, then the leftover units one each to the
 * codes with the most remaining minutes.
 * Per-code (CPT midpoint, many commercial payers): each timed code counted alone.
 * "per_session" and "region_count" codes: 1 unit when present, minutes ignored.
 *
 * Tie rule: among equal remaining minutes, more total minutes wins, then the
 * code that sorts first as a string. A tie that decided a unit is reported. The
 * sentence shown to readers comes from macros/units.py through the calculator's
 * rules JSON.
 */
(function (root) {
  'use strict';

  var MEDICARE = 'medicare';
  var PER_CODE = 'per-code';
  var METHODS = [MEDICARE, PER_CODE];
  var TIMED_15 = 'timed_15';
  var BASES = [TIMED_15, 'per_session', 'region_count'];

  function checkMinutes(value, what) {
    // typeof excludes booleans and numeric strings; JS cannot tell 15.0 from 15.
    if (typeof value !== 'number' || !Number.isInteger(value)) {
      throw new TypeError('minutes for ' + what + ' must be a whole number, got ' +
        JSON.stringify(value));
    }
    if (value < 0) {
      throw new RangeError('minutes for ' + what + ' must not be negative, got ' + value);
    }
    return value;
  }

  function unitsForTotalMinutes(total) {
    checkMinutes(total, 'the total');
    return total < 8 ? 0 : Math.floor((total + 7) / 15);
  }

  // [units, first minute, last minute] of the table row `total` falls in.
  function unitsTableRow(total) {
    var units = unitsForTotalMinutes(total);
    return units === 0 ? [0, 0, 7] : [units, 15 * units - 7, 15 * units + 7];
  }

  // Accept a Map, an array of [code, minutes] pairs, or a plain object. Plain
  // objects list integer-like keys ("97110") in numeric order, so callers that
  // care about row order pass pairs or a Map.
  function entriesOf(minutes) {
    if (Array.isArray(minutes)) return minutes.slice();
    if (typeof Map !== 'undefined' && minutes instanceof Map) return Array.from(minutes.entries());
    return Object.keys(minutes).map(function (k) { return [k, minutes[k]]; });
  }

  function compareStrings(a, b) { return a < b ? -1 : a > b ? 1 : 0; }

  function explainAllocation(minutes, basis, method) {
    if (method === undefined) method = MEDICARE;
    if (METHODS.indexOf(method) < 0) {
      throw new RangeError('unknown method ' + JSON.stringify(method) +
        '; valid methods are: ' + METHODS.join(', '));
    }
    var entries = entriesOf(minutes);
    var order = [], timed = {}, timedCodes = [], untimed = [], total = 0;
    entries.forEach(function (pair) {
      var code = String(pair[0]);
      if (!Object.prototype.hasOwnProperty.call(basis, code)) {
        throw new RangeError('unknown code ' + JSON.stringify(code) + ': it has no billing basis');
      }
      var kind = basis[code];
      if (BASES.indexOf(kind) < 0) {
        throw new RangeError('unknown billing basis ' + JSON.stringify(kind) + ' for code ' +
          JSON.stringify(code) + '; valid values are: ' + BASES.join(', '));
      }
      var m = checkMinutes(pair[1], 'code ' + JSON.stringify(code));
      if (order.indexOf(code) >= 0) throw new RangeError('code ' + JSON.stringify(code) + ' given twice');
      order.push(code);
      if (kind === TIMED_15) { timed[code] = m; timedCodes.push(code); total += m; }
      else untimed.push(code);
    });

    var units = {}, ties = [], tableRow = null;
    if (method === PER_CODE) {
      timedCodes.forEach(function (c) { units[c] = unitsForTotalMinutes(timed[c]); });
    } else {
      tableRow = unitsTableRow(total);
      var left = tableRow[0];
      timedCodes.forEach(function (c) { units[c] = Math.floor(timed[c] / 15); left -= units[c]; });
      var ranked = timedCodes.slice().sort(function (a, b) {
        return (timed[b] % 15) - (timed[a] % 15) || timed[b] - timed[a] || compareStrings(a, b);
      });
      ranked.slice(0, left).forEach(function (c) { units[c] += 1; });
      // The tie rule decided a unit when the last code given one and the first
      // code left without have the same remaining minutes.
      if (left > 0 && left < ranked.length) {
        var cut = timed[ranked[left - 1]] % 15;
        if (timed[ranked[left]] % 15 === cut) {
          ties.push(timedCodes.filter(function (c) { return timed[c] % 15 === cut; }));
        }
      }
    }
    untimed.forEach(function (c) { units[c] = 1; });

    return {
      units: units,
      order: order,
      totalTimedMinutes: total,
      tableRow: tableRow,
      ties: ties,
      untimedCodes: untimed,
      method: method
    };
  }

  function allocateUnits(minutes, basis, method) {
    return explainAllocation(minutes, basis, method).units;
  }

  var api = {
    MEDICARE: MEDICARE,
    PER_CODE: PER_CODE,
    METHODS: METHODS,
    BASES: BASES,
    unitsForTotalMinutes: unitsForTotalMinutes,
    unitsTableRow: unitsTableRow,
    explainAllocation: explainAllocation,
    allocateUnits: allocateUnits
  };

  if (typeof module !== 'undefined' && module.exports) module.exports = api;
  if (root) root.BillingUnits = api;
})(typeof window !== 'undefined' ? window : null);
