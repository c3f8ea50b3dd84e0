/*
 * Small aids for finding one's way on every page (styles in guide.css):
 *
 * - Buttons marked data-open-search (the home page's "Search codes and answers")
 *   open Material's search; their container is shown only when this script runs.
 * - A wide table that does not fit the screen gets a hint above it ("scroll
 *   sideways"); the hint goes away when the table fits again.
 * - Following a citation mark ([1]) highlights the source it points to (:target in
 *   guide.css) and adds a "Back to text" link there that returns to the mark.
 *
 * No data reaches the page through this file: it only creates its own elements
 * (textContent, setAttribute), never parses HTML.
 */
(function () {
  'use strict';

  var HINT_CLASS = 'scroll-hint';
  var BACK_CLASS = 'cite-back';

  // --- Search ------------------------------------------------------------------

  function openSearch() {
    var toggle = document.getElementById('__search');
    var input = document.querySelector('.md-search__input');
    if (toggle && !toggle.checked) {
      toggle.checked = true;
      toggle.dispatchEvent(new Event('change'));
    }
    if (input) input.focus();
  }

  function setUpSearchButtons() {
    Array.prototype.forEach.call(document.querySelectorAll('[data-open-search]'), function (button) {
      if (button.hasAttribute('data-guide-ready')) return;
      button.setAttribute('data-guide-ready', '');
      button.addEventListener('click', openSearch);
      var holder = button.closest('[hidden]');
      if (holder) holder.hidden = false;
    });
  }

  // --- Scroll hints on wide tables -----------------------------------------------

  function hintFor(box) {
    var previous = box.previousElementSibling;
    return previous && previous.classList.contains(HINT_CLASS) ? previous : null;
  }

  function updateHint(box) {
    var overflows = box.scrollWidth > box.clientWidth + 1;
    var hint = hintFor(box);
    if (overflows && !hint) {
      hint = document.createElement('p');
      hint.className = HINT_CLASS;
      // Screen readers move through a table by its cells; the hint is for the eyes.
      hint.setAttribute('aria-hidden', 'true');
      hint.textContent = 'Scroll sideways for more columns';
      box.parentNode.insertBefore(hint, box);
    } else if (!overflows && hint) {
      hint.parentNode.removeChild(hint);
    }
    box.classList.toggle('is-overflowing', overflows);
  }

  var observer = typeof ResizeObserver === 'function'
    ? new ResizeObserver(function (entries) {
        entries.forEach(function (entry) { updateHint(entry.target); });
      })
    : null;

  function setUpScrollHints() {
    Array.prototype.forEach.call(document.querySelectorAll('.md-typeset .md-typeset__scrollwrap'), function (box) {
      updateHint(box);
      if (observer && !box.hasAttribute('data-hint-watched')) {
        box.setAttribute('data-hint-watched', '');
        observer.observe(box);
      }
    });
  }

  // --- Citation marks ------------------------------------------------------------

  var lastMark = null;
  var marks = 0;

  function markId(mark) {
    if (!mark.id) mark.id = 'cite-mark-' + (++marks);
    return mark.id;
  }

  // The source entry a hash points to: the list item that is (or holds) the anchor.
  function sourceEntry(hash) {
    if (!hash || hash.indexOf('#source-') !== 0) return null;
    var target = document.getElementById(decodeURIComponent(hash.slice(1)));
    return target ? (target.closest('li') || target) : null;
  }

  function showBackLink() {
    Array.prototype.forEach.call(document.querySelectorAll('.' + BACK_CLASS), function (old) {
      old.parentNode.removeChild(old);
    });
    var hash = window.location.hash;
    var entry = sourceEntry(hash);
    if (!entry) return;
    // The mark that was followed, or (a link from elsewhere) the first mark citing this source.
    var mark = lastMark && lastMark.getAttribute('href') === hash ? lastMark
      : document.querySelector('a.cite[href="' + hash.replace(/"/g, '') + '"]');
    if (!mark) return;
    var back = document.createElement('a');
    back.className = BACK_CLASS;
    back.href = '#' + markId(mark);
    back.textContent = 'Back to text';
    back.addEventListener('click', function (event) {
      event.preventDefault();
      mark.scrollIntoView({ block: 'center' });
      mark.focus();
      window.history.replaceState(window.history.state, '', window.location.pathname + window.location.search);
      back.parentNode.removeChild(back);
    });
    entry.appendChild(document.createTextNode(' '));
    entry.appendChild(back);
  }

  document.addEventListener('click', function (event) {
    var mark = event.target.closest && event.target.closest('a.cite');
    if (mark) {
      markId(mark);
      lastMark = mark;
    }
  }, true);
  window.addEventListener('hashchange', showBackLink);

  function start() {
    setUpSearchButtons();
    setUpScrollHints();
    showBackLink();
    document.documentElement.setAttribute('data-guide-ready', '');
  }

  // Material announces each page on document$ (instant navigation included); its own
  // table wrappers exist by then. Without it, wait for the page to load.
  if (window.document$ && typeof window.document$.subscribe === 'function') {
    window.document$.subscribe(function () { window.setTimeout(start, 0); });
  } else if (document.readyState === 'complete') {
    start();
  } else {
    window.addEventListener('load', start);
  }
})();
