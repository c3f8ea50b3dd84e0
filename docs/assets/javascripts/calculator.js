/*
 * Visit calculator: renders a form into <div id="visit-calculator"> from the
 * rules in <script type="application/json" id="calculator-rules">, and shows
 * the units per code with window.BillingUnits (units.js, load it first).
 *
 * The rules JSON (macros/render/examples.py, calculator_rules) carries every
 * word that comes from the site's rules: the codes, the method names, the
 * billing-basis labels and the tie-rule sentence. This file holds none of them.
 *
 * State lives in the query string (?method=medicare&97110=33&97140=7), so a
 * result can be bookmarked or shared. All data strings go through textContent
 * or setAttribute, so nothing in the rules is ever parsed as HTML.
 *
 * The first part (readLink, countRows) is pure, so Node tests it without a
 * browser (tests/js/calculator.test.js); the rest needs a page.
 */
(function () {
  'use strict';

  // Query keys that look like a code (letters and digits with at least one
  // digit, e.g. 97110, G0283). Other keys (Material's ?h= search highlight)
  // are kept in the URL untouched.
  var CODE_KEY = /^(?=.*\d)[A-Za-z0-9]{4,7}$/;
  var MAX_MINUTES = 1440; // one day; more is surely a typing slip
  // A visit with more rows than this is a mistake or a crafted link: a link
  // with hundreds of rows took seconds to render. Rows past it are dropped.
  var MAX_ROWS = 20;
  var LISTED = 10; // dropped link entries named one by one before "and N more"

  function has(object, key) { return Object.prototype.hasOwnProperty.call(object, key); }

  function plural(n, word) { return n + ' ' + word + (n === 1 ? '' : 's'); }

  function listWords(items) {
    if (items.length < 2) return items.join('');
    return items.slice(0, -1).join(', ') + ' and ' + items[items.length - 1];
  }

  function someOf(items) {
    return items.length > LISTED
      ? items.slice(0, LISTED).join(', ') + ' and ' + (items.length - LISTED) + ' more'
      : listWords(items);
  }

  // Whole minutes 0..MAX_MINUTES as a number, '' for blank, or null when bad.
  function parseMinutes(raw) {
    var text = String(raw).trim();
    if (text === '') return '';
    if (!/^\d+$/.test(text)) return null;
    var n = parseInt(text, 10);
    return n <= MAX_MINUTES ? n : null;
  }

  // A shared link's query string -> {method, rows: [[code, minutes]], notices}.
  // method is null when the link names none that can be used (the caller shows
  // the first method of the rules). The first `method` parameter decides; later
  // ones are ignored and the reader is told. Entries past MAX_ROWS are dropped
  // and listed in a notice.
  function readLink(search, rules) {
    var params = new URLSearchParams(search);
    var methods = rules.methods, codes = rules.codes;
    var methodValues = [], rows = [], notices = [], unknown = [], bad = [], dropped = [];
    params.forEach(function (value, key) {
      if (key === 'method') { methodValues.push(value); return; }
      if (!CODE_KEY.test(key)) return;
      if (rows.length >= MAX_ROWS) { dropped.push(key + '=' + value); return; }
      var code = has(codes, key) ? key : key.toUpperCase();
      if (!has(codes, code)) { unknown.push(key); return; }
      var minutes = parseMinutes(value);
      if (minutes === null) { bad.push([code, value]); return; }
      rows.push([code, minutes]);
    });

    var method = null;
    var fallback = methods[Object.keys(methods)[0]];
    if (methodValues.length) {
      if (has(methods, methodValues[0])) method = methodValues[0];
      else notices.push('The link asks for an unknown counting method "' + methodValues[0] + '"; ' +
        'showing ' + fallback + ' instead.');
      if (methodValues.length > 1) {
        notices.push('The link gives the counting method ' + methodValues.length + ' times (' +
          someOf(methodValues.map(function (v) { return '"' + v + '"'; })) + '); only the first counts, ' +
          'so this shows ' + (method ? methods[method] : fallback) + '.');
      }
    }
    if (unknown.length) {
      notices.push('The link names ' + (unknown.length === 1 ? 'code ' : 'codes ') + someOf(unknown) +
        ', which this calculator does not cover; ' + (unknown.length === 1 ? 'it was' : 'they were') +
        ' left out.');
    }
    bad.forEach(function (entry) {
      var code = entry[0];
      var kept = rows.filter(function (r) { return r[0] === code; }).length;
      notices.push('The link gives "' + entry[1] + '" as the minutes for ' + code + ': not a whole number ' +
        'from 0 to ' + MAX_MINUTES + ', so that entry was left out' +
        (kept === 1 ? '; the link\'s other row for ' + code + ' is kept.'
          : kept ? '; the link\'s other ' + kept + ' rows for ' + code + ' are kept.'
            : ', and the visit has no other row for ' + code + '.'));
    });
    if (dropped.length) {
      notices.push('The link has more than ' + MAX_ROWS + ' rows, the most this calculator takes; ' +
        'the first ' + MAX_ROWS + ' are shown and the ' + dropped.length +
        (dropped.length === 1 ? ' entry after them was' : ' entries after them were') + ' left out: ' + someOf(dropped) + '.');
    }
    return { method: method, rows: rows, notices: notices };
  }

  // The form's rows, in order, as [code, minutes]: code '' when none is chosen,
  // minutes a number, '' when blank, or null when not a whole number 0..1440.
  // Returns {pairs: [[code, minutes]] with one pair per code (rows of one code
  // added together, in order of first appearance), query: the rows to keep in
  // the address, notices, invalid: indexes of rows left out}.
  // A code's rows together may not pass MAX_MINUTES either: otherwise two rows
  // of 1440 minutes counted a two-day visit.
  function countRows(rows) {
    var totals = {}, counts = {}, order = [], notices = [], invalid = [], over = {};
    rows.forEach(function (row, i) {
      var code = row[0], minutes = row[1];
      if (!code) return;
      if (minutes === null) {
        invalid.push(i);
        notices.push('Row ' + (i + 1) + ' (' + code + '): minutes must be a whole number from 0 to ' +
          MAX_MINUTES + '. This row is left out until it is fixed.');
        return;
      }
      if (!has(totals, code)) { totals[code] = 0; counts[code] = 0; order.push(code); }
      totals[code] += minutes === '' ? 0 : minutes;
      counts[code] += 1;
    });
    var pairs = [];
    order.forEach(function (code) {
      if (totals[code] > MAX_MINUTES) {
        over[code] = true;
        notices.push(code + ' is in ' + counts[code] + ' rows that add up to ' + totals[code] +
          ' minutes, more than one day (' + MAX_MINUTES + ' minutes): ' + code +
          ' is left out until its rows are fixed.');
      } else {
        pairs.push([code, totals[code]]);
        if (counts[code] > 1) {
          notices.push(code + ' is in ' + counts[code] + ' rows: their minutes are added together ' +
            'and counted as one code.');
        }
      }
    });
    var query = [];
    rows.forEach(function (row, i) {
      if (!row[0] || row[1] === null) return;
      if (over[row[0]]) invalid.push(i);
      else query.push([row[0], String(row[1])]);
    });
    invalid.sort(function (a, b) { return a - b; });
    return { pairs: pairs, query: query, notices: notices, invalid: invalid };
  }

  var pure = {
    MAX_MINUTES: MAX_MINUTES,
    MAX_ROWS: MAX_ROWS,
    parseMinutes: parseMinutes,
    readLink: readLink,
    countRows: countRows
  };
  if (typeof module !== 'undefined' && module.exports) module.exports = pure;
  if (typeof document === 'undefined') return;  // Node: the pure part only

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (name) {
        if (attrs[name] !== null && attrs[name] !== undefined) node.setAttribute(name, attrs[name]);
      });
    }
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function Calculator(root, rules) {
    this.root = root;
    this.codes = rules.codes;
    this.methods = rules.methods;
    this.basisLabels = rules.basis_labels || {};
    this.tieRule = rules.tie_rule || '';
    this.edits = rules.edits || [];
    this.basis = {};
    var self = this;
    Object.keys(this.codes).forEach(function (c) { self.basis[c] = self.codes[c].basis; });
    this.rowCount = 0;
    this.urlNotices = [];
  }

  Calculator.prototype.codeLabel = function (code) {
    var info = this.codes[code];
    return info && info.title ? code + ' (' + info.title + ')' : code;
  };

  Calculator.prototype.render = function () {
    var self = this;
    var form = el('form', { 'class': 'calculator-form', novalidate: '' });
    form.addEventListener('submit', function (e) { e.preventDefault(); });

    var methods = el('fieldset', { 'class': 'calculator-methods' });
    methods.appendChild(el('legend', null, 'Counting method'));
    Object.keys(this.methods).forEach(function (key) {
      var id = 'calculator-method-' + key;
      var wrap = el('div', { 'class': 'calculator-method' });
      var radio = el('input', { type: 'radio', name: 'calculator-method', id: id, value: key });
      wrap.appendChild(radio);
      wrap.appendChild(el('label', { 'for': id }, self.methods[key]));
      methods.appendChild(wrap);
    });
    form.appendChild(methods);

    var codes = el('fieldset', { 'class': 'calculator-codes' });
    codes.appendChild(el('legend', null, 'Codes and minutes for one visit'));
    this.rowsBox = el('div', { id: 'calculator-rows' });
    codes.appendChild(this.rowsBox);
    this.addButton = el('button', { type: 'button', id: 'calculator-add', 'class': 'md-button' }, 'Add code');
    this.addButton.addEventListener('click', function () {
      var row = self.addRow('', '');
      row.querySelector('select').focus();
      self.update();
    });
    codes.appendChild(this.addButton);
    this.rowLimit = codes.appendChild(el('p', { id: 'calculator-row-limit', 'class': 'calculator-row-limit' },
      'A visit here has at most ' + MAX_ROWS + ' rows: remove one to add another code.'));
    this.rowLimit.hidden = true;
    form.appendChild(codes);

    form.addEventListener('change', function () { self.update(); });
    form.addEventListener('input', function () { self.update(); });

    // Problems found in the link itself, shown until the page is reloaded.
    this.noticeList = el('ul', { id: 'calculator-notices', 'class': 'calculator-notices' });

    var output = el('div', { id: 'calculator-output', 'class': 'calculator-output', 'aria-live': 'polite' });
    var table = el('table', { id: 'calculator-results' });
    table.appendChild(el('caption', null, 'Units per code'));
    var head = el('tr');
    ['Code', 'Service', 'Counted as', 'Minutes', 'Units'].forEach(function (h) {
      head.appendChild(el('th', { scope: 'col' }, h));
    });
    table.appendChild(el('thead')).appendChild(head);
    this.tbody = table.appendChild(el('tbody'));
    var foot = el('tr');
    foot.appendChild(el('th', { scope: 'row', colspan: '4' }, 'Total units'));
    this.totalUnits = foot.appendChild(el('td', { id: 'calculator-total-units' }));
    table.appendChild(el('tfoot')).appendChild(foot);
    output.appendChild(table);

    var total = el('p', { 'class': 'calculator-total' }, 'Total timed minutes: ');
    this.totalMinutes = total.appendChild(el('strong', { id: 'calculator-total-minutes' }));
    output.appendChild(total);
    this.tableRow = output.appendChild(el('p', { id: 'calculator-table-row' }));
    output.appendChild(el('p', { 'class': 'calculator-warnings-title' }, 'Points to check'));
    this.warnings = output.appendChild(el('ul', { id: 'calculator-warnings' }));

    this.root.textContent = '';
    this.root.appendChild(form);
    this.root.appendChild(this.noticeList);
    this.root.appendChild(output);
  };

  Calculator.prototype.codeSelect = function (id) {
    var select = el('select', { id: id, 'class': 'calculator-code' });
    select.appendChild(el('option', { value: '' }, 'Choose a code'));
    var groups = {}, self = this;
    Object.keys(this.codes).forEach(function (code) {
      var family = self.codes[code].family || 'Other';
      if (!groups[family]) groups[family] = select.appendChild(el('optgroup', { label: family }));
      var title = self.codes[code].title;
      groups[family].appendChild(el('option', { value: code }, title ? code + ' – ' + title : code));
    });
    return select;
  };

  Calculator.prototype.addRow = function (code, minutes) {
    var self = this;
    var n = ++this.rowCount;
    var row = el('div', { 'class': 'calculator-row', 'data-row': String(n) });
    var codeId = 'calculator-code-' + n, minutesId = 'calculator-minutes-' + n;

    row.appendChild(el('label', { 'for': codeId }, 'Code'));
    var select = row.appendChild(this.codeSelect(codeId));
    select.value = code;
    row.appendChild(el('label', { 'for': minutesId }, 'Minutes'));
    var input = row.appendChild(el('input', {
      id: minutesId, 'class': 'calculator-minutes', type: 'number',
      min: '0', max: String(MAX_MINUTES), step: '1', inputmode: 'numeric'
    }));
    input.value = String(minutes);
    var remove = row.appendChild(el('button', { type: 'button', 'class': 'calculator-remove' }, 'Remove'));
    remove.addEventListener('click', function () {
      // Keep keyboard focus nearby once the row is gone.
      var next = row.nextElementSibling || row.previousElementSibling;
      row.parentNode.removeChild(row);
      (next ? next.querySelector('select') : self.addButton).focus();
      self.update();
    });
    this.rowsBox.appendChild(row);
    this.labelRow(row);
    return row;
  };

  Calculator.prototype.labelRow = function (row) {
    var code = row.querySelector('select').value;
    row.querySelector('.calculator-remove').setAttribute(
      'aria-label', 'Remove ' + (code ? 'code ' + code : 'empty row'));
  };

  // The form's rows, counted by countRows; rows left out are marked invalid.
  Calculator.prototype.readRows = function () {
    var self = this;
    var rowEls = Array.prototype.slice.call(this.rowsBox.querySelectorAll('.calculator-row'));
    var counted = countRows(rowEls.map(function (row) {
      var input = row.querySelector('input');
      self.labelRow(row);
      return [row.querySelector('select').value,
        input.validity && input.validity.badInput ? null : parseMinutes(input.value)];
    }));
    rowEls.forEach(function (row, i) {
      row.querySelector('input').setAttribute('aria-invalid', counted.invalid.indexOf(i) >= 0 ? 'true' : 'false');
    });
    var full = rowEls.length >= MAX_ROWS;
    this.addButton.disabled = full;
    this.rowLimit.hidden = !full;
    return counted;
  };

  Calculator.prototype.method = function () {
    var checked = this.root.querySelector('input[name="calculator-method"]:checked');
    return checked ? checked.value : Object.keys(this.methods)[0];
  };

  Calculator.prototype.warningsFor = function (result, method) {
    var out = [], self = this;
    var codes = result.order;
    var timed = codes.filter(function (c) { return self.basis[c] === 'timed_15'; });
    var minutes = {};
    result.pairs.forEach(function (p) { minutes[p[0]] = p[1]; });
    var total = result.totalTimedMinutes;
    function add(kind, text) { out.push([kind, text]); }

    timed.forEach(function (c) {
      if (minutes[c] === 0) add('no-minutes', c + ' has 0 minutes: enter the minutes spent on it.');
    });
    var withTime = timed.filter(function (c) { return minutes[c] > 0; });
    if (method === 'medicare') {
      if (total > 0 && total < 8) {
        add('under-8', withTime.length === 1
          ? this.codeLabel(withTime[0]) + ' is the only timed service, at ' + total +
            ' minutes: under 8 minutes, so Medicare bills no unit for it (Ch. 5 §20.2).'
          : 'The timed services add up to ' + total + ' minutes: under 8 minutes, so no timed unit is billed.');
      } else if (total >= 8) {
        withTime.forEach(function (c) {
          if (result.units[c] === 0) {
            add('no-unit', c + ' gets no unit: its ' + minutes[c] + ' minutes count toward the ' + total +
              '-minute total, but the day\'s ' + plural(result.tableRow[0], 'unit') +
              ' went to services with more remaining minutes.');
          }
        });
      }
    } else {
      withTime.forEach(function (c) {
        if (minutes[c] < 8) {
          add('under-8', self.codeLabel(c) + ' ran ' + minutes[c] + ' minutes: under 8 minutes ' +
            '(the midpoint of a 15-minute unit), so per-code counting gives it no unit.');
        }
      });
    }

    result.ties.forEach(function (group) {
      var winners = group.filter(function (c) { return result.units[c] > Math.floor(minutes[c] / 15); });
      add('tie', listWords(group) + ' have the same remaining minutes (' + (minutes[group[0]] % 15) +
        ' past their full 15-minute blocks), and there were not enough units left for each. ' +
        'This calculator gave the extra ' + (winners.length === 1 ? 'unit' : 'units') + ' to ' +
        listWords(winners) + '. ' + self.tieRule);
    });

    codes.forEach(function (c) {
      var info = self.codes[c];
      if (info.basis === 'per_session') {
        add('untimed', self.codeLabel(c) + ' is untimed: 1 unit per session whatever the minutes, ' +
          'and its minutes are not added to the timed total.');
      } else if (info.basis === 'region_count') {
        add('untimed', self.codeLabel(c) + ' is chosen by the number of body regions treated: ' +
          '1 unit, whatever the minutes, and its minutes are not added to the timed total.');
      }
      if (method === 'medicare' && info.medicare_payable === false) {
        add('not-medicare-payable', c + ': ' + (info.medicare_note ||
          'marked in this site\'s data as not payable by Medicare. See the code\'s page.'));
      }
    });

    this.edits.forEach(function (edit) {
      var pair = edit.codes || [];
      var present = pair.length > 1 && pair.every(function (c) { return codes.indexOf(c) >= 0; });
      if (present) add('edit', pair.join(' with ') + ': ' + (edit.text || 'these codes are paired in an NCCI edit.'));
    });
    return out;
  };

  Calculator.prototype.showResults = function (result, method) {
    var self = this;
    this.tbody.textContent = '';
    var unitsTotal = 0;
    result.order.forEach(function (code, i) {
      var info = self.codes[code];
      var tr = el('tr', { 'data-code': code });
      var th = tr.appendChild(el('th', { scope: 'row' }));
      if (info.url) th.appendChild(el('a', { href: info.url }, code));
      else th.textContent = code;
      tr.appendChild(el('td', null, info.title || ''));
      tr.appendChild(el('td', null, self.basisLabels[info.basis] || info.basis));
      var m = result.pairs[i][1];
      tr.appendChild(el('td', { 'class': 'calculator-minutes-cell' },
        info.basis === 'timed_15' ? m : m + ' (not counted)'));
      tr.appendChild(el('td', { 'class': 'calculator-units' }, result.units[code]));
      unitsTotal += result.units[code];
      self.tbody.appendChild(tr);
    });
    this.totalUnits.textContent = String(unitsTotal);
    this.totalMinutes.textContent = String(result.totalTimedMinutes);

    var total = result.totalTimedMinutes;
    var text;
    if (!result.order.length) {
      text = 'Choose a code and enter its minutes to see the units.';
    } else if (method === 'medicare') {
      var row = result.tableRow;
      text = row[0] === 0
        ? total + ' timed minutes is under 8 minutes: 0 timed units'
        : total + ' timed minutes falls in the ' + row[1] + '–' + row[2] + ' minute row: ' + plural(row[0], 'unit');
    } else {
      // No pooled row: name the row each timed code falls in on its own.
      var parts = result.pairs.filter(function (p) { return self.basis[p[0]] === 'timed_15'; })
        .map(function (p) {
          var r = window.BillingUnits.unitsTableRow(p[1]);
          return p[0] + ': ' + p[1] + ' minutes, ' + (r[0] === 0
            ? 'under 8 minutes, 0 units' : r[1] + '–' + r[2] + ' minute row, ' + plural(r[0], 'unit'));
        });
      text = 'Per-code counting has no pooled row; each timed code is read off the table alone' +
        (parts.length ? ': ' + parts.join('; ') + '.' : '.');
    }
    this.tableRow.textContent = text;
  };

  Calculator.prototype.fillList = function (list, items) {
    list.textContent = '';
    items.forEach(function (item) {
      var kind = Array.isArray(item) ? item[0] : 'notice';
      list.appendChild(el('li', { 'data-kind': kind }, Array.isArray(item) ? item[1] : item));
    });
    list.hidden = items.length === 0;
  };

  Calculator.prototype.update = function () {
    var method = this.method();
    var rows = this.readRows();
    var notices = this.urlNotices.concat(rows.notices);
    var result;
    try {
      result = window.BillingUnits.explainAllocation(rows.pairs, this.basis, method);
    } catch (err) {
      // Bad rules data: say so instead of breaking the page.
      notices.push('The calculator could not count this visit: ' + err.message);
      result = window.BillingUnits.explainAllocation([], this.basis, 'medicare');
    }
    result.pairs = result.order.length ? rows.pairs : [];
    this.showResults(result, method);
    this.fillList(this.warnings, this.warningsFor(result, method));
    this.fillList(this.noticeList, notices);
    this.writeUrl(method, rows.query);
  };

  Calculator.prototype.writeUrl = function (method, query) {
    var params = new URLSearchParams(window.location.search), keep = [];
    params.forEach(function (value, key) {
      if (key !== 'method' && !CODE_KEY.test(key)) keep.push([key, value]);
    });
    var next = new URLSearchParams(keep);
    next.append('method', method);
    query.forEach(function (pair) { next.append(pair[0], pair[1]); });
    var url = window.location.pathname + '?' + next.toString() + window.location.hash;
    if (url !== window.location.pathname + window.location.search + window.location.hash) {
      window.history.replaceState(window.history.state, '', url);
    }
  };

  Calculator.prototype.start = function () {
    this.render();
    var state = readLink(window.location.search, { codes: this.codes, methods: this.methods });
    this.urlNotices = state.notices;
    var method = state.method || Object.keys(this.methods)[0];
    var radio = document.getElementById('calculator-method-' + method);
    if (radio) radio.checked = true;
    var self = this;
    state.rows.forEach(function (r) { self.addRow(r[0], r[1]); });
    if (!state.rows.length) this.addRow('', '');
    this.update();
  };

  function init() {
    var root = document.getElementById('visit-calculator');
    // Guard: DOMContentLoaded and Material's document$ may both call init.
    if (!root || root.getAttribute('data-calculator-ready') === 'true') return false;
    if (!window.BillingUnits) {
      root.textContent = 'The calculator needs units.js, which did not load.';
      return false;
    }
    var source = document.getElementById('calculator-rules');
    var rules = null;
    try {
      rules = JSON.parse(source ? source.textContent : '');
    } catch (err) {
      rules = null;
    }
    // The codes and the method names are required; without them nothing can be shown.
    if (!rules || typeof rules.codes !== 'object' || !rules.codes || typeof rules.methods !== 'object' ||
        !rules.methods || !Object.keys(rules.methods).length) {
      root.textContent = 'The calculator rules are missing or unreadable, so the calculator cannot run.';
      return false;
    }
    root.setAttribute('data-calculator-ready', 'true');
    var calculator = new Calculator(root, rules);
    calculator.start();
    window.VisitCalculator.current = calculator;
    return true;
  }

  window.VisitCalculator = { init: init, current: null };

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
  // Material for MkDocs "instant navigation" swaps pages without a new
  // DOMContentLoaded; it announces each page on document$.
  if (window.document$ && typeof window.document$.subscribe === 'function') {
    window.document$.subscribe(function () { init(); });
  }
})();
