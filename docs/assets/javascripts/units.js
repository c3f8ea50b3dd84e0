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
 *
 * explanation: the steps that say how the units were shared out, the same list
 * of {kind, ...} objects as Allocation.explanation in macros/units.py (the golden
 * vectors hold the Python steps; tests/js/units.test.js compares them). The
 * calculator turns each kind into a sentence from the rules JSON.
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

  function step(kind, values) {
    var out = { kind: kind };
    Object.keys(values || {}).forEach(function (k) { out[k] = values[k]; });
    return out;
  }

  // The explanation of a Medicare allocation (timed codes only), from the values
  // that set it: macros/units.py _medicare_steps, step for step.
  function medicareSteps(timed, timedCodes, tableRow, full, ranked, left, ties) {
    var total = 0;
    timedCodes.forEach(function (c) { total += timed[c]; });
    if (tableRow[0] === 0) return [step('total-under-8', { minutes: total })];
    var steps = [step('total', { minutes: total, units: tableRow[0], first: tableRow[1], last: tableRow[2] })];
    timedCodes.forEach(function (c) {
      var m = timed[c];
      if (m === 0) steps.push(step('no-minutes', { code: c }));
      else if (m < 15) steps.push(step('full-none', { code: c, minutes: m }));
      else if (m % 15 === 0) steps.push(step('full-exact', { code: c, minutes: m, full: Math.floor(m / 15) }));
      else steps.push(step('full', { code: c, minutes: m, full: Math.floor(m / 15), left: m % 15 }));
    });
    if (left === 0) {
      steps.push(step('nothing-left', { full: full, units: tableRow[0] }));
      return steps;
    }
    steps.push(step('left-to-share', { full: full, units: tableRow[0], left: left }));
    var tied = ties.length ? ties[0] : [];
    var winners = ranked.slice(0, left);
    // The first code left without a leftover unit: each winner is compared with it.
    var loser = left < ranked.length ? ranked[left] : null;
    winners.forEach(function (c) {
      var rest = timed[c] % 15;
      if (loser === null || timed[loser] % 15 === 0) steps.push(step('award-all', { code: c, left: rest }));
      else if (rest > timed[loser] % 15) steps.push(step('award-most-left', { code: c, left: rest }));
      else if (timed[c] > timed[loser]) {
        steps.push(step('award-more-minutes', { code: c, left: rest, minutes: timed[c], other: loser,
          other_minutes: timed[loser] }));
      } else steps.push(step('award-code-order', { code: c, left: rest, minutes: timed[c], other: loser }));
    });
    ranked.slice(left).forEach(function (c) {
      var rest = timed[c] % 15;
      if (rest) steps.push(step(tied.indexOf(c) >= 0 ? 'no-award-tie' : 'no-award', { code: c, left: rest }));
    });
    ties.forEach(function (group) {
      var won = group.filter(function (c) { return winners.indexOf(c) >= 0; }).length;
      steps.push(step('tie', { codes: group.slice(), left: timed[group[0]] % 15, units: won }));
    });
    return steps;
  }

  function explainAllocation(minutes, basis, method) {
    if (method === undefined) method = MEDICARE;
    if (METHODS.indexOf(method) < 0) {
      throw new RangeError('unknown method ' + JSON.stringify(method) +
        '; valid methods are: ' + METHODS.join(', '));
    }
    var entries = entriesOf(minutes);
    var order = [], timed = {}, timedCodes = [], untimed = [], total = 0, minutesOf = {};
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
      minutesOf[code] = m;
      if (kind === TIMED_15) { timed[code] = m; timedCodes.push(code); total += m; }
      else untimed.push(code);
    });

    var units = {}, ties = [], tableRow = null, steps = [];
    if (method === PER_CODE) {
      if (timedCodes.length) steps.push(step('per-code'));
      timedCodes.forEach(function (c) {
        units[c] = unitsForTotalMinutes(timed[c]);
        if (timed[c] === 0) steps.push(step('no-minutes', { code: c }));
        else if (units[c] === 0) steps.push(step('own-under-8', { code: c, minutes: timed[c] }));
        else {
          var own = unitsTableRow(timed[c]);
          steps.push(step('own', { code: c, minutes: timed[c], units: units[c], first: own[1], last: own[2] }));
        }
      });
    } else {
      tableRow = unitsTableRow(total);
      var left = tableRow[0], full = 0;
      timedCodes.forEach(function (c) { units[c] = Math.floor(timed[c] / 15); full += units[c]; });
      left -= full;
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
      if (timedCodes.length) steps = medicareSteps(timed, timedCodes, tableRow, full, ranked, left, ties);
    }
    if (order.length && !timedCodes.length) steps.push(step('no-timed'));
    untimed.forEach(function (c) {
      units[c] = 1;
      steps.push(step(basis[c] === 'region_count' ? 'untimed-regions' : 'untimed-session',
        { code: c, minutes: minutesOf[c] }));
    });

    return {
      units: units,
      order: order,
      totalTimedMinutes: total,
      tableRow: tableRow,
      ties: ties,
      untimedCodes: untimed,
      method: method,
      explanation: steps
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
