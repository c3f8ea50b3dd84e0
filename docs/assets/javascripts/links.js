/*
 * Sharing a page, in the browser only. Progressive enhancement: without this script every
 * heading keeps its permalink (the ¶ after it) and the citations and the embed snippet are
 * there to select by hand; nothing here is needed to read a page.
 *
 * - A "Copy link" button under every second-level heading with an id in the page's
 *   content: each code page section, FAQ entry, technique, modifier and every other
 *   record. It copies the page's canonical address (the <link rel="canonical"> MkDocs
 *   builds from site_url, so a project-site subpath is kept) with the heading's anchor.
 *   Each button goes into the empty box the page has for it after the heading (or after
 *   the copied element below), so the page does not move when the buttons appear.
 * - A copy button after every element with data-copy-label (the citation, its Markdown
 *   link, the embed snippet; macros/render/share_blocks.py), copying its text.
 * - A citation's "Accessed <date you read it>." says today's date.
 *
 * Copying uses the Clipboard API. Where it is missing or refused (a page served over plain
 * http from another machine, a browser setting), the text is shown in a field, selected
 * and focused, for Ctrl+C. Each button has its own status line, a polite live region, so a
 * screen reader hears what happened and everyone else sees it.
 *
 * The pure part (dates, addresses) is exported for Node: tests/js/links.test.js.
 */
(function (root) {
  'use strict';

  var MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September',
    'October', 'November', 'December'];

  // "December 1, 2026": the way the site writes every date (macros/render/markup.py, plain_date).
  function longDate(day) {
    return MONTHS[day.getMonth()] + ' ' + day.getDate() + ', ' + day.getFullYear();
  }

  // The page's address without a fragment: the canonical one when the page names it.
  function pageAddress(canonical, current) {
    return String(canonical || current).split('#')[0];
  }

  function anchorAddress(address, id) {
    return address + '#' + encodeURIComponent(id);
  }

  function foldSpace(text) {
    return String(text).replace(/\s+/g, ' ').trim();
  }

  var api = { longDate: longDate, pageAddress: pageAddress, anchorAddress: anchorAddress, foldSpace: foldSpace };
  if (typeof module !== 'undefined' && module.exports) module.exports = api;
  if (!root || !root.document) return;

  var document = root.document;
  var COPIED = 'Copied to the clipboard.';
  var SELECTED = 'Selected in the field: press Ctrl+C (or Command+C on a Mac) to copy it.';

  function say(status, message) {
    // Emptied first, so the same message said twice is announced twice.
    status.textContent = '';
    root.setTimeout(function () { status.textContent = message; }, 50);
  }

  function showField(box, status, text, name) {
    var field = box.querySelector('.link-tools__field');
    if (!field) {
      field = document.createElement('input');
      field.type = 'text';
      field.readOnly = true;
      field.className = 'link-tools__field';
      field.setAttribute('aria-label', name);
      box.insertBefore(field, status);
    }
    field.value = text;
    field.hidden = false;
    field.focus();
    field.select();
    say(status, SELECTED);
  }

  function copy(box, status, text, name) {
    var clipboard = root.navigator && root.navigator.clipboard;
    if (!clipboard || typeof clipboard.writeText !== 'function') {
      showField(box, status, text, name);
      return;
    }
    clipboard.writeText(text).then(function () {
      var field = box.querySelector('.link-tools__field');
      if (field) field.hidden = true;
      say(status, COPIED);
    }, function () {
      showField(box, status, text, name);
    });
  }

  // The box right after `element` that its button goes into: the empty one the page has
  // there (macros/render/share_blocks.py), whose height the stylesheet keeps, so filling it
  // moves nothing; a new one where the page has none.
  function boxAfter(element) {
    var next = element.nextElementSibling;
    if (next && next.classList.contains('link-tools') && !next.firstChild) return next;
    var box = document.createElement('div');
    box.className = 'link-tools';
    element.insertAdjacentElement('afterend', box);
    return box;
  }

  // A button (visible label, and words only a screen reader needs), its status line, and
  // the field it shows when it cannot copy, in `box`. `name` names the copied text in the field.
  function tools(box, label, more, name, textOf) {
    var button = document.createElement('button');
    button.type = 'button';
    button.className = 'link-tools__copy';
    button.textContent = label;
    if (more) {
      var hidden = document.createElement('span');
      hidden.className = 'visually-hidden';
      hidden.textContent = more;
      button.appendChild(hidden);
    }
    var status = document.createElement('span');
    status.className = 'link-tools__status';
    status.setAttribute('role', 'status');
    status.setAttribute('aria-live', 'polite');
    box.appendChild(button);
    box.appendChild(status);
    button.addEventListener('click', function () { copy(box, status, textOf(), name); });
  }

  function headingName(heading) {
    var clone = heading.cloneNode(true);
    Array.prototype.forEach.call(clone.querySelectorAll('.headerlink'), function (link) { link.remove(); });
    return foldSpace(clone.textContent);
  }

  var today = 'Accessed ' + longDate(new Date()) + '.';
  Array.prototype.forEach.call(document.querySelectorAll('[data-accessed]'), function (span) {
    span.textContent = today;
  });

  var canonical = document.querySelector('link[rel="canonical"]');
  var address = pageAddress(canonical && canonical.href, root.location.href);
  Array.prototype.forEach.call(document.querySelectorAll('article.md-content__inner h2[id]'), function (heading) {
    var name = '“' + headingName(heading) + '”';
    tools(boxAfter(heading), 'Copy link', ' to ' + name, 'Link to ' + name, function () {
      return anchorAddress(address, heading.id);
    });
  });

  Array.prototype.forEach.call(document.querySelectorAll('[data-copy-label]'), function (source) {
    var label = source.getAttribute('data-copy-label');
    var name = label.replace(/^Copy /, '');
    tools(boxAfter(source), label, '', name.charAt(0).toUpperCase() + name.slice(1),
      function () { return source.tagName === 'PRE' ? source.textContent : foldSpace(source.textContent); });
  });
})(typeof window !== 'undefined' ? window : null);
