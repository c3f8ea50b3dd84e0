/*
 * Visit calculator: renders a form into <div id="visit-calculator"> from the
 * rules in <script type="application/json" id="calculator-rules">, and shows
 * the units per code with window.BillingUnits (units.js, load it first).
 *
 * The rules JSON (macros/render/examples.py, calculator_rules) carries every
 * word that comes from the site's rules: the codes, the method names, the
 * billing-basis labels, the tie-rule sentence, the sentence for each step of the
 * units engine's explanation (macros/render/explain.py) and the worked examples.
 * This file holds none of them: it fills the sentences in (fillTemplate) from the
 * steps units.js returns, the same steps as macros/units.py.
 *
 * State lives in the query string (?method=medicare&97110=33&97140=7), so a
 * result can be bookmarked or shared. All data strings go through textContent
 * or setAttribute, so nothing in the rules is ever parsed as HTML.
 *
 * The first part (readLink, countRows, fillTemplate, exampleFor) is pure, so
 * Node tests it without a browser (tests/js/calculator.test.js,
 * tests/test_explain.py); the rest needs a page.
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

  // One explanation step as a sentence, from its template (the same syntax as
  // macros/render/explain.py): {name} is the value (a list reads "a, b and c"),
  // {name|word} the number and the word, plural unless 1, {name|one|many} a form
  // chosen by the number.
  var FIELD = /\{(\w+)(?:\|([^|}]+)(?:\|([^}]+))?)?\}/g;
  function fillTemplate(template, step) {
    return String(template).replace(FIELD, function (whole, name, one, many) {
      var value = step[name];
      if (one === undefined) return Array.isArray(value) ? listWords(value.map(String)) : String(value);
      if (many !== undefined) return value === 1 ? one : many;
      return value + ' ' + one + (value === 1 ? '' : 's');
    });
  }

  // The worked example whose visit is exactly these [code, minutes] pairs (any order), or null.
  function exampleFor(pairs, examples) {
    var wanted = {};
    pairs.forEach(function (p) { wanted[p[0]] = p[1]; });
    for (var i = 0; i < (examples || []).length; i++) {
      var visit = examples[i].visit || [];
      if (visit.length === pairs.length && visit.every(function (p) { return has(wanted, p[0]) && wanted[p[0]] === p[1]; })) {
        return examples[i];
      }
    }
    return null;
  }

  var pure = {
    MAX_MINUTES: MAX_MINUTES,
    MAX_ROWS: MAX_ROWS,
    parseMinutes: parseMinutes,
    readLink: readLink,
    countRows: countRows,
    fillTemplate: fillTemplate,
    exampleFor: exampleFor
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
    this.sentences = rules.explain || {};
    this.examples = rules.examples || [];
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

    // The result: the total in large type, one line per code, then how the units were
    // shared out. Only the short summary is a live region: the whole explanation read
    // out at every keystroke would drown the reader.
    var output = el('section', { id: 'calculator-output', 'class': 'calculator-output', tabindex: '-1',
      'aria-labelledby': 'calculator-result-heading' });
    output.appendChild(el('h2', { id: 'calculator-result-heading' }, 'Result'));
    // The empty box links.js puts the heading's "Copy link" button in (as under every <h2 id>
    // of the site, macros/render/share_blocks.py), drawn now with the rest: added later by
    // links.js, it moved the result down after the calculator had been painted.
    output.appendChild(el('div', { 'class': 'link-tools' }));
    var summary = output.appendChild(el('p', { id: 'calculator-summary', 'class': 'calculator-total',
      'aria-live': 'polite', 'aria-atomic': 'true' }));
    this.totalUnits = summary.appendChild(el('span', { id: 'calculator-total-units', 'class': 'calculator-total__units' }));
    this.totalDetail = summary.appendChild(el('span', { 'class': 'calculator-total__detail' }));
    this.results = output.appendChild(el('ul', { id: 'calculator-results', 'class': 'calculator-results' }));

    var share = output.appendChild(el('div', { 'class': 'calculator-share' }));
    this.shareButton = share.appendChild(el('button', { type: 'button', id: 'calculator-copy-link' },
      'Copy link to this visit'));
    this.shareButton.addEventListener('click', function () { self.shareLink(); });
    this.linkLabel = share.appendChild(el('label', { 'for': 'calculator-link-field', 'class': 'calculator-link-label' },
      'Link to this visit'));
    this.linkField = share.appendChild(el('input', { id: 'calculator-link-field', 'class': 'calculator-link-field',
      type: 'text', readonly: '' }));
    this.linkLabel.hidden = this.linkField.hidden = true;
    this.shareStatus = share.appendChild(el('p', { id: 'calculator-share-status', role: 'status',
      'class': 'calculator-share-status' }));
    this.share = share;

    this.explainHeading = output.appendChild(el('h3', { id: 'calculator-explanation-heading' },
      'How the units were shared out'));
    this.explanation = output.appendChild(el('ol', { id: 'calculator-explanation', 'class': 'calculator-explanation',
      'aria-labelledby': 'calculator-explanation-heading' }));
    this.exampleNote = output.appendChild(el('p', { id: 'calculator-example', 'class': 'calculator-example' }));
    this.warningsTitle = output.appendChild(el('h3', { id: 'calculator-warnings-title', 'class': 'calculator-warnings-title' },
      'Points to check'));
    this.warnings = output.appendChild(el('ul', { id: 'calculator-warnings', 'aria-labelledby': 'calculator-warnings-title' }));
    this.output = output;

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

  // What the data says about the codes on this visit (the arithmetic is explained
  // by the engine's own steps, not here): codes Medicare does not pay, and pairs of
  // codes with an NCCI edit.
  Calculator.prototype.warningsFor = function (result, method) {
    var out = [], self = this;
    var codes = result.order;
    function add(kind, text) { out.push([kind, text]); }
    codes.forEach(function (c) {
      var info = self.codes[c];
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
    this.results.textContent = '';
    var unitsTotal = 0;
    result.order.forEach(function (code, i) {
      var info = self.codes[code];
      var timed = info.basis === 'timed_15';
      var m = result.pairs[i][1];
      var li = el('li', { 'data-code': code, 'data-units': String(result.units[code]) });
      var line = li.appendChild(el('span', { 'class': 'calculator-result-line' }));
      if (info.url) line.appendChild(el('a', { href: info.url }, code));
      else line.appendChild(document.createTextNode(code));
      line.appendChild(document.createTextNode(' · '));
      line.appendChild(el('span', { 'class': 'calculator-minutes-cell' }, m + ' min' + (timed ? '' : ' (untimed)')));
      line.appendChild(document.createTextNode(' · '));
      line.appendChild(el('strong', { 'class': 'calculator-units' }, plural(result.units[code], 'unit')));
      li.appendChild(el('span', { 'class': 'calculator-result-about' },
        (info.title ? info.title + ' · ' : '') + (self.basisLabels[info.basis] || info.basis)));
      unitsTotal += result.units[code];
      self.results.appendChild(li);
    });
    var empty = !result.order.length;
    this.totalUnits.textContent = empty ? '' : plural(unitsTotal, 'unit');
    this.totalDetail.textContent = empty ? 'Choose a code and enter its minutes to see the units.'
      : (this.methods[method] || method) + ' · ' + plural(result.totalTimedMinutes, 'timed minute');
    this.results.hidden = empty;
    this.share.hidden = empty;

    // How the units were shared out: the engine's own steps, each as its sentence.
    this.explanation.textContent = '';
    (result.explanation || []).forEach(function (step) {
      var template = self.sentences[step.kind];
      if (template) self.explanation.appendChild(el('li', { 'data-kind': step.kind }, fillTemplate(template, step)));
    });
    this.explainHeading.hidden = this.explanation.hidden = !this.explanation.children.length;

    // The visit is one of the worked examples: link to it.
    var example = empty ? null : exampleFor(result.pairs, this.examples);
    this.exampleNote.textContent = '';
    if (example) {
      this.exampleNote.appendChild(document.createTextNode('This visit is a worked example on the units page: '));
      this.exampleNote.appendChild(el('a', { href: example.url }, example.title));
      this.exampleNote.appendChild(document.createTextNode('.'));
    }
    this.exampleNote.hidden = !example;
  };

  // Share the address of this visit: the share sheet on phones that have one, else
  // the clipboard, else a selected text field to copy from. Each outcome is said in
  // the status line (a live region).
  Calculator.prototype.shareLink = function () {
    var self = this, url = window.location.href;
    function say(text) {
      self.shareStatus.textContent = '';
      // A new text node after a clear: the same message twice is announced twice.
      window.setTimeout(function () { self.shareStatus.textContent = text; }, 50);
    }
    function showField() {
      self.linkLabel.hidden = self.linkField.hidden = false;
      self.linkField.value = url;
      self.linkField.focus();
      self.linkField.select();
      say('Copy the link from the field below.');
    }
    function copy() {
      if (navigator.clipboard && typeof navigator.clipboard.writeText === 'function') {
        navigator.clipboard.writeText(url).then(function () {
          self.linkLabel.hidden = self.linkField.hidden = true;
          say('Link copied: paste it where you need it.');
        }, showField);
      } else {
        showField();
      }
    }
    var phone = window.matchMedia && window.matchMedia('(pointer: coarse)').matches;
    if (phone && typeof navigator.share === 'function') {
      navigator.share({ title: document.title, url: url }).then(function () {
        say('Link shared.');
      }, function (err) {
        if (err && err.name === 'AbortError') return;  // the reader closed the share sheet
        copy();
      });
    } else {
      copy();
    }
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
    this.warningsTitle.hidden = this.warnings.hidden;
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
    // A visit opened from a link: show its result first (the form stays above it).
    if (state.rows.length && !window.location.hash) {
      this.output.scrollIntoView({ block: 'start' });
      this.output.focus({ preventScroll: true });
    }
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
