/*
 * Site search: Material's search dialog (overrides/partials/search.html) over the
 * Pagefind index that macros/search_index.py writes after each build.
 *
 * - Nothing is fetched until the reader opens the search; then Pagefind's script, its
 *   WebAssembly, the index chunks of the words typed and the fragments of the pages
 *   shown, all from the site's own pagefind/ folder (relative URLs, so the site works
 *   under a sub-path such as /repo-name/).
 * - The query is prepared before Pagefind sees it (prepareQuery): synonyms from
 *   data/search-synonyms.yaml become the site's words, money and numbers lose their
 *   "$" and separators, code ranges become their two codes, and words that say nothing
 *   on this site ("cpt", "code", "how do I", "less than" before a number) are dropped.
 * - Results are sections, not only pages. A record of the index is a code page, a
 *   family page or a hand-written page, or one entry of a list page (an FAQ entry, a
 *   checklist group, a technique: macros/search_sections.py). Pagefind ranks the records
 *   holding every word, and those holding all words but one (candidates); each section of the
 *   best of them is then scored (rankSections) by how many of the query's words it
 *   holds (rare words count more), whether they stand in its heading or open it, and
 *   how well its record ranked. A section also counts the words of its page's title, so
 *   "97140 modifiers" finds the Modifiers section of the 97140 page, while the same
 *   heading on every other code page (weighted low by code_page.py) does not crowd out
 *   the page that answers; further sections with the same anchor (#units of each code)
 *   and further sections of one page weigh less. A word found only in text the index
 *   weighs below body text (the list of sources) covers the query only as much.
 * - Code pages carry two marks in Pagefind's metadata (macros/render/search_marks.py):
 *   their family, so that after two codes of one family the others give way to other
 *   kinds of answer, and, on a retired code's page, the code, so that the page ranks
 *   below the current codes unless the query names it.
 * - Keys as in Material: "/", "s" or "f" open the search, arrows move through the
 *   results, Enter opens the first (or the focused) one, Escape or Tab closes.
 *
 * window.siteSearch.search(query) runs the same code path as the dialog and returns the
 * ranked results; the tests and the benchmark use it.
 */
(function () {
  'use strict';

  var dialog = document.querySelector('[data-search="dialog"]');
  var toggle = document.getElementById('__search');
  if (!dialog || !toggle) return;
  var input = dialog.querySelector('[data-search="query"]');
  var output = dialog.querySelector('[data-search="result"]');
  var meta = output.querySelector('.md-search-result__meta');
  var list = output.querySelector('.md-search-result__list');
  var form = input.form;

  var bundleUrl = new URL(dialog.getAttribute('data-search-bundle') || 'pagefind/', document.baseURI);
  var siteRoot = new URL('../', bundleUrl);

  // How many records' fragments are loaded per query (those with every word of the
  // query, and at least so many more with all words but one), how many sections of one
  // page are listed, and how many results in all. Each fragment is a download: these
  // bound what one search transfers (BENCHMARKS.md).
  var PAGES_EXAMINED = 12;
  var PARTIAL_PAGES_EXAMINED = 6;
  var SECTIONS_PER_PAGE = 3;
  var MAX_RESULTS = 20;
  // Ranking weights (tuned on tests/search/queries.yaml).
  var PAGE_RANK_POWER = 0.3;      // how much the record's own rank counts
  var COVERAGE_POWER = 2;         // a section missing query words falls fast
  var STRENGTH_GAIN = 3;          // how much words in headings and repeated words count
  var HEADING_SHARE = 0.75;       // of that, the share of words in headings
  var H1_WEIGHT = 7;              // Pagefind's weight of words in an <h1>
  var H2_WEIGHT = 6;              // ... and in an <h2> (text: 1)
  var LEADING_WORD = 0.3;         // extra for a word that opens the section's heading
  var TITLE_INHERITED = 2;        // weight a section gets for words in its page's title
  var NEXT_SECTION_FACTOR = 0.7;  // 2nd and 3rd sections of one page rank lower
  var PARTIAL_MATCH = 0.5;        // a record missing a word, against one with all
  var REPEATED_SECTION_FACTOR = 0.6;  // each further section with the same anchor (#units)
  var RETIRED_FACTOR = 0.5;       // a retired code's page, unless the query names the code
  var SIBLINGS_LISTED = 2;        // code pages of one family listed at full score ...
  var SIBLING_FACTOR = 0.8;       // ... and each further one weighs this much less
  var PAGEFIND_RANKING = { pageLength: 0.4, termSaturation: 1.6 };

  var WORD = /[a-z0-9$]+/g;

  // ---------------------------------------------------------------- translations
  var translations = {};
  try {
    translations = JSON.parse(document.getElementById('__config').textContent).translations || {};
  } catch (error) { /* Material's defaults below */ }
  function t(key, fallback, count) {
    var text = translations[key] || fallback;
    return count === undefined ? text : text.replace('#', String(count));
  }

  // ---------------------------------------------------------------- query preparation
  function phraseKey(phrase) {
    // Same rule as macros/search_synonyms.py phrase_key: the words, lower-case, joined.
    return (String(phrase).toLowerCase().match(WORD) || []).join('');
  }

  function escapeRegExp(text) { return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'); }

  // One regular expression for all phrases, longest first; spaces, hyphens and dots
  // between the words of a phrase are optional ("e stim", "e-stim", "estim").
  function compileSynonyms(entries) {
    var anywhere = [], alone = [], means = {};
    (entries || []).forEach(function (entry) {
      (entry.say || []).forEach(function (phrase) {
        var words = String(phrase).toLowerCase().match(WORD);
        if (!words) return;
        means[phraseKey(phrase)] = entry.means;
        (entry.alone ? alone : anywhere).push(words.map(escapeRegExp).join('[^a-z0-9$]*'));
      });
    });
    function byLength(a, b) { return b.length - a.length; }
    return {
      means: means,
      anywhere: anywhere.length
        ? new RegExp('(^|[^a-z0-9$])(' + anywhere.sort(byLength).join('|') + ')(?=$|[^a-z0-9$])', 'gi') : null,
      alone: alone.length ? new RegExp('^\\s*(' + alone.sort(byLength).join('|') + ')\\s*$', 'i') : null
    };
  }

  function applySynonyms(query, rules) {
    if (!rules) return query;
    if (rules.alone && rules.alone.test(query)) {
      return rules.means[phraseKey(query)] || query;
    }
    if (!rules.anywhere) return query;
    return query.replace(rules.anywhere, function (match, before, phrase) {
      return before + (rules.means[phraseKey(phrase)] || phrase);
    });
  }

  // Numbers as the index holds them: "$2,330" and "2330 dollars" -> "2330", "85%" -> "85",
  // "98940-98942" / "98940–98942" -> "98940 98942", "-59" -> "59", "(98943)" -> "98943".
  // Pages write amounts as figures, so "dollars" is dropped also without one ("therapy
  // dollars"); a comparison before a number ("less than 15 minutes", "over 8") is dropped
  // too: the pages state the rule, not the reader's comparison.
  function normaliseNumbers(query) {
    return query
      .replace(/(\d)\s*(dollars?|usd)\b/gi, '$1')
      .replace(/(^|[^a-z0-9$])dollars?(?![a-z0-9])/gi, '$1')
      .replace(/(^|[^a-z0-9$])((less|fewer|more)\s+than|under|over|below|above)\s+(?=\$?\d)/gi, '$1')
      .replace(/\$\s*(?=\d)/g, '')
      .replace(/(\d),(?=\d{3}(?!\d))/g, '$1')
      .replace(/(\d)\s*%/g, '$1')
      .replace(/(\d)\s*[-\u2010-\u2015]\s*(?=\d)/g, '$1 ')
      .replace(/(^|\s)[-\u2010-\u2015]+(?=\d)/g, '$1')
      .replace(/[()[\]{}<>"\u201c\u201d?!;:,]+/g, ' ')
      .replace(/\s+/g, ' ')
      .trim();
  }

  // Words that carry no meaning in a question ("how do I bill ...", "97140 vs 97124").
  // Pagefind requires every word of a query, so such a word would exclude the page that
  // answers in other words. "at" is kept: it is also modifier AT.
  var FILLER = ('a an the is are was be been can could i do does did what which when how why who ' +
                'to for of in on with my me we you your and or it this that there should would need ' +
                'needs get much many than vs versus v only just cpt hcpcs code codes').split(' ');

  function dropFiller(query) {
    var words = query.split(' ');
    var kept = words.filter(function (word) {
      return FILLER.indexOf(word.toLowerCase().replace(/[.]$/, '')) < 0;
    });
    return kept.length ? kept.join(' ') : query;
  }

  function prepareQuery(raw, rules) {
    return dropFiller(normaliseNumbers(applySynonyms(String(raw), rules)));
  }

  // The words of a prepared query, as compared with the words of a page.
  function queryTerms(prepared) {
    var seen = {}, terms = [];
    (prepared.toLowerCase().match(WORD) || []).forEach(function (word) {
      if (!seen[word]) { seen[word] = true; terms.push(word); }
    });
    return terms;
  }

  // ---------------------------------------------------------------- ranking
  // Which query term a word of the page is, if any. The index stems words ("modifiers"
  // matched "modifier", "evaluate" matched "evaluation"), so a shared start is enough for
  // words; numbers and two-letter words (codes, modifiers such as XS or AT) must be equal.
  function termOf(word, terms) {
    var best = -1, bestLength = 0;
    for (var i = 0; i < terms.length; i++) {
      var term = terms[i];
      if (term === word) return i;
      if (/^\d+$/.test(term) || /^\d+$/.test(word) || term.length < 3 || word.length < 3) continue;
      var n = 0, limit = Math.min(term.length, word.length);
      while (n < limit && term.charCodeAt(n) === word.charCodeAt(n)) n++;
      var enough = n === term.length || n === word.length || (n >= 4 && n >= term.length - 3);
      if (enough && n > bestLength) { best = i; bestLength = n; }
    }
    return best;
  }

  var NUMBER_WORDS = { one: '1', two: '2', three: '3', four: '4', five: '5', six: '6', seven: '7',
                       eight: '8', nine: '9', ten: '10' };

  function termsOfWord(word, terms) {
    var lower = word.toLowerCase();
    var found = [];
    function add(index) { if (index >= 0 && found.indexOf(index) < 0) found.push(index); }
    add(termOf(lower.replace(/[^a-z0-9]+/g, ''), terms));
    var parts = lower.match(/[a-z0-9]+/g) || [];
    parts.forEach(function (part) {
      add(termOf(part, terms));
      if (NUMBER_WORDS[part]) add(terms.indexOf(NUMBER_WORDS[part]));  // "five regions" is "5 regions"
    });
    // A code range on the page ("98940–98942") stands for every code in it.
    var range = /^(\d{4,5})[-\u2010-\u2015](\d{4,5})$/.exec(lower.replace(/[^0-9\u2010-\u2015-]+/g, ''));
    if (range) {
      terms.forEach(function (term, i) {
        if (/^\d+$/.test(term) && term.length === range[1].length &&
            +term >= +range[1] && +term <= +range[2]) add(i);
      });
    }
    return found;
  }

  function pagePath(url) {
    return url.split('#')[0];
  }

  // Sections of one page's fragment, each with per-term counts and strongest weight.
  function sectionsOf(data, terms) {
    var words = data.content.split(/\s+/);
    var title = (data.meta && data.meta.title) || '';
    var titleTerms = {};
    title.split(/\s+/).forEach(function (word) {
      termsOfWord(word, terms).forEach(function (index) { titleTerms[index] = true; });
    });
    var byUrl = {}, order = [];
    data.sub_results.forEach(function (sub) {
      // The page's own <h1> is the page, not a section of it.
      var isTop = !sub.anchor || sub.anchor.element === 'h1';
      var url = isTop ? pagePath(data.url) : sub.url;
      var section = byUrl[url];
      if (!section) {
        section = byUrl[url] = {
          url: url, page: pagePath(data.url), pageTitle: title, isTop: isTop,
          title: isTop ? title : sub.title, excerpt: sub.plain_excerpt || '', count: [], weight: [],
          inHeading: [], leads: []
        };
        order.push(section);
      }
      var heading = sub.anchor ? [sub.anchor.location, sub.anchor.location + sub.anchor.text.split(/\s+/).length] : [0, 0];
      sub.weighted_locations.forEach(function (location) {
        termsOfWord(words[location.location] || '', terms).forEach(function (index) {
          section.count[index] = (section.count[index] || 0) + 1;
          section.weight[index] = Math.max(section.weight[index] || 0, location.weight);
          if (location.location >= heading[0] && location.location < heading[1]) section.inHeading[index] = true;
          // A heading that starts with the word names what the section is about
          // ("59: Distinct procedural service", "97140 Manual therapy techniques").
          if (sub.anchor && location.location === heading[0]) section.leads[index] = true;
        });
      });
    });
    var titleMatched = Object.keys(titleTerms).length > 0;
    order.forEach(function (section) {
      // A section's full title is its page's title and its heading ("97140 · Modifiers").
      // When the query names the page, the words of the section's heading weigh as a
      // heading's, even on the headings every code page repeats (weighted low in the
      // index); and when page title and heading hold every word of the query between them,
      // the page title's words weigh as much too.
      var full = false;
      if (titleMatched && !section.isTop) {
        full = terms.every(function (term, index) { return titleTerms[index] || section.inHeading[index]; });
        section.inHeading.forEach(function (hit, index) {
          if (hit) section.weight[index] = Math.max(section.weight[index], H2_WEIGHT);
        });
      }
      // The page's own opening has the title as its heading: a title word the index did not
      // match itself ("five" for 5, a code inside a range) weighs as the heading's words do.
      var inherited = section.isTop ? H1_WEIGHT : full ? H2_WEIGHT : TITLE_INHERITED;
      Object.keys(titleTerms).forEach(function (index) {
        section.weight[index] = Math.max(section.weight[index] || 0, inherited);
        section.count[index] = section.count[index] || 1;
      });
    });
    return order;
  }

  // Score each section of the examined pages; return them best first, at most
  // SECTIONS_PER_PAGE of one page.
  function rankSections(pages, terms, rarity) {
    var totalRarity = terms.reduce(function (sum, term, i) { return sum + rarity[i]; }, 0) || 1;
    var scored = [];
    pages.forEach(function (page, pageIndex) {
      var pageFactor = Math.pow(Math.max(page.relevance, 1e-9), PAGE_RANK_POWER);
      // A retired code's page (marked by macros/render/search_marks.py) says what replaced
      // it: below the current codes, which answer a question about the service, unless
      // the query asks for that code by number.
      var retired = page.data.meta && page.data.meta.retired;
      if (retired && terms.indexOf(String(retired).toLowerCase()) < 0) pageFactor *= RETIRED_FACTOR;
      var sections = sectionsOf(page.data, terms).map(function (section) {
        var covered = 0, strength = 0;
        terms.forEach(function (term, i) {
          if (!section.count[i]) return;
          // A word found only where the index weighs it below text (the source list, 0.3;
          // a part of a compound word) covers the query less.
          covered += rarity[i] * Math.min(1, section.weight[i]);
          // 0 for body text (weight 1), 1 for a page title (<h1>, weight 7).
          var inHeading = Math.max(0, Math.min(1, (section.weight[i] - 1) / (H1_WEIGHT - 1)));
          var repeated = Math.min(1, Math.log(1 + section.count[i]) / Math.log(8));
          strength += rarity[i] * (HEADING_SHARE * inHeading + (1 - HEADING_SHARE) * repeated +
                                   (section.leads[i] ? LEADING_WORD : 0));
        });
        section.score = pageFactor * Math.pow(covered / totalRarity, COVERAGE_POWER) *
          (1 + STRENGTH_GAIN * strength / totalRarity);
        // How the score was made, for tuning by hand (SEARCH_EXPLAIN=1 python -m
        // tests.search.benchmark SITE QUERY prints it).
        section.why = 'page ' + pageFactor.toFixed(2) + ' cover ' + (covered / totalRarity).toFixed(2) +
          ' strength ' + (strength / totalRarity).toFixed(2) + ' w ' + JSON.stringify(section.weight) +
          ' n ' + JSON.stringify(section.count);
        section.pageIndex = pageIndex;
        section.family = (page.data.meta && page.data.meta.family) || '';
        return section;
      }).filter(function (section) { return section.score > 0; });
      sections.sort(function (a, b) { return b.score - a.score; });
      sections.slice(0, SECTIONS_PER_PAGE).forEach(function (section, k) {
        section.score *= Math.pow(NEXT_SECTION_FACTOR, k);
        scored.push(section);
      });
    });
    function order(a, b) { return b.score - a.score || a.pageIndex - b.pageIndex; }
    scored.sort(order);
    // Sections that every code page has ("Units and time", "Modifiers") answer the same
    // question for each code: the best one stays, each further one weighs less, so a
    // query does not list the same section of twenty codes before the pages about it.
    // Likewise the pages of codes of one family ("evaluation complexity" matches the title
    // of six evaluation codes): the first ones stay, the others make room for other
    // kinds of answer (the FAQ entry, the family page).
    var seen = {}, siblings = {};
    scored.forEach(function (section) {
      if (section.isTop) {
        if (!section.family) return;
        var listed = siblings[section.family] || 0;
        section.score *= Math.pow(SIBLING_FACTOR, Math.max(0, listed + 1 - SIBLINGS_LISTED));
        siblings[section.family] = listed + 1;
        return;
      }
      var kind = section.url.split('#')[1];
      section.score *= Math.pow(REPEATED_SECTION_FACTOR, seen[kind] || 0);
      seen[kind] = (seen[kind] || 0) + 1;
    });
    scored.sort(order);
    return scored.slice(0, MAX_RESULTS);
  }

  // ---------------------------------------------------------------- engine
  var enginePromise = null;

  function loadEngine() {
    if (enginePromise) return enginePromise;
    if (location.protocol === 'file:') {
      enginePromise = Promise.reject(new Error('Search needs the site to be served over HTTP, ' +
                                               'for example with make serve.'));
      return enginePromise;
    }
    var synonyms = fetch(new URL('site-synonyms.json', bundleUrl).href)
      .then(function (response) { return response.ok ? response.json() : { synonyms: [] }; })
      .catch(function () { return { synonyms: [] }; });
    var pages = fetch(new URL('pagefind-entry.json', bundleUrl).href)
      .then(function (response) { return response.ok ? response.json() : null; })
      .catch(function () { return null; });
    enginePromise = import(new URL('pagefind.js', bundleUrl).href)
      .then(function (pagefind) {
        return pagefind.options({
          baseUrl: siteRoot.pathname, excerptLength: 24, ranking: PAGEFIND_RANKING
        }).then(function () { return pagefind.init(); }).then(function () {
          return Promise.all([synonyms, pages]);
        }).then(function (loaded) {
          var count = 0;
          var languages = (loaded[1] && loaded[1].languages) || {};
          Object.keys(languages).forEach(function (key) { count += languages[key].page_count || 0; });
          return { pagefind: pagefind, rules: compileSynonyms(loaded[0].synonyms), pageCount: count, perTerm: {} };
        });
      }, function () {
        throw new Error('Search is unavailable: its index was not found. Build the site with ' +
                        'make build or make serve, which index it.');
      });
    return enginePromise;
  }

  function matchingPages(engine, text) {
    return engine.pagefind.search(text).then(function (found) { return found ? found.results : []; });
  }

  // The pages matching each term alone (kept for the session: the next query reuses them).
  function pagesPerTerm(engine, terms) {
    return Promise.all(terms.map(function (term) {
      if (!engine.perTerm[term]) engine.perTerm[term] = matchingPages(engine, term);
      return engine.perTerm[term];
    }));
  }

  // Candidate records: those holding every word of the query, in Pagefind's order; then
  // the best of those holding all words but one (each such query ranked by Pagefind too),
  // the ones missing only a common word first, so that a question worded a little
  // differently from the entry that answers it ("modifier for multiple body regions",
  // "how much less for a PTA") still reaches it. Records of the second kind rank below
  // the first (PARTIAL_MATCH), and the section ranking prefers the sections holding most
  // of the query's rare words.
  function candidates(all, allButOne, rarity) {
    var top = all.length ? all[0].score : 1;
    var pages = all.slice(0, PAGES_EXAMINED).map(function (result) {
      return { id: result.id, relevance: result.score / top, result: result };
    });
    var totalRarity = rarity.reduce(function (sum, r) { return sum + r; }, 0) || 1;
    var seen = {}, partial = {};
    all.forEach(function (result) { seen[result.id] = true; });
    allButOne.forEach(function (results, left) {
      var best = results.length ? results[0].score : 1;
      var covered = 1 - rarity[left] / totalRarity;
      results.forEach(function (result) {
        if (seen[result.id]) return;
        var promise = covered * result.score / best;
        var known = partial[result.id];
        if (!known || known.promise < promise) {
          partial[result.id] = { id: result.id, promise: promise, result: result };
        }
      });
    });
    var rest = Object.keys(partial).map(function (id) { return partial[id]; })
      .sort(function (a, b) { return b.promise - a.promise; })
      .slice(0, Math.max(PARTIAL_PAGES_EXAMINED, PAGES_EXAMINED - pages.length));
    return pages.concat(rest.map(function (page) {
      return { id: page.id, relevance: PARTIAL_MATCH * page.promise, result: page.result };
    }));
  }

  function search(raw) {
    return loadEngine().then(function (engine) {
      var prepared = prepareQuery(raw, engine.rules);
      var terms = queryTerms(prepared);
      if (!terms.length) return { query: raw, searched: prepared, terms: terms, total: 0, results: [] };
      // Each query word alone (how rare it is), the whole query, and the query without
      // each of its words in turn: the index chunks are the same, so only the first
      // search fetches anything.
      var allButOne = terms.length > 2 ? terms.map(function (term, left) {
        return matchingPages(engine, terms.filter(function (other, i) { return i !== left; }).join(' '));
      }) : [];
      return Promise.all([
        terms.length > 1 ? matchingPages(engine, prepared) : null,
        pagesPerTerm(engine, terms),
        Promise.all(allButOne)
      ]).then(function (found) {
        var perTerm = found[1];
        var all = found[0] || perTerm[0];
        var total = Math.max(engine.pageCount, 1);
        var rarity = perTerm.map(function (results) {
          return Math.log(1 + (total + 1) / (results.length + 1));
        });
        // With two words, all words but one is each word alone.
        var butOne = terms.length > 2 ? found[2] : terms.length === 2 ? [perTerm[1], perTerm[0]] : [];
        var pages = candidates(all, butOne, rarity);
        var examined = pages;
        return inTurn(function () {
          // Pagefind's result objects are kept until their data is read: Pagefind frees a
          // record's data in its worker once the result object is garbage-collected.
          var loading = examined.map(function (page) { return page.result.data(); });
          return Promise.all(loading).then(function (data) {
            return rankSections(examined.map(function (page, i) {
              return { relevance: page.relevance, data: data[i] };
            }).filter(function (page) { return page.data; }), terms, rarity);
          });
        }).then(function (sections) {
          return {
            query: raw, searched: prepared, terms: terms, total: all.length || pages.length,
            results: sections.map(function (section) {
              return {
                url: section.url, page: section.page, title: section.title, pageTitle: section.pageTitle,
                isPage: section.isTop, excerpt: section.excerpt, score: section.score, why: section.why
              };
            })
          };
        });
      });
    });
  }

  // Pagefind gives every search the same object for a record's fragment, and rewrites its
  // matched words and sub-results for each search that loads it: two searches at once
  // (typing fast, while the previous search still runs) would rank with each other's.
  // So each search loads and ranks its fragments in turn (only that step waits).
  var fragmentTurn = Promise.resolve();

  function inTurn(task) {
    var run = fragmentTurn.then(task, task);
    fragmentTurn = run.catch(function () { /* the next search runs regardless */ });
    return run;
  }

  // ---------------------------------------------------------------- dialog
  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) { node.setAttribute(name, attrs[name]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // Text with the query's words marked, built as nodes (page text is never parsed as HTML).
  function marked(tag, text, terms) {
    var node = el(tag);
    String(text).split(/(\s+)/).forEach(function (part) {
      if (/\S/.test(part) && termsOfWord(part, terms).length) node.appendChild(el('mark', {}, part));
      else node.appendChild(document.createTextNode(part));
    });
    return node;
  }

  function render(found) {
    list.textContent = '';
    output.setAttribute('data-query', found.query || '');  // which query the list shows
    var count = found.total;
    meta.textContent = count === 0
      ? (input.value.trim() ? t('search.result.none', 'No matching documents')
        : t('search.result.placeholder', 'Type to start searching'))
      : count === 1 ? t('search.result.one', '1 matching document')
        : t('search.result.other', '# matching documents', count);
    found.results.forEach(function (result) {
      var item = el('li', { 'class': 'md-search-result__item' });
      var link = el('a', { href: result.url, 'class': 'md-search-result__link', tabindex: '-1' });
      var article = el('article', { 'class': 'md-search-result__article md-typeset',
                                    'data-md-score': result.score.toFixed(4) });
      article.appendChild(el('div', { 'class': 'md-search-result__icon md-icon' }));
      article.appendChild(marked('h1', result.title, found.terms));
      if (!result.isPage) article.appendChild(el('p', { 'class': 'search-result__page' }, result.pageTitle));
      var excerpt = result.excerpt;
      // The excerpt often starts with the heading just shown as the title.
      if (excerpt.indexOf(result.title) === 0) excerpt = excerpt.slice(result.title.length).replace(/^[\s.:?]+/, '');
      if (excerpt) article.appendChild(marked('p', excerpt, found.terms));
      link.appendChild(article);
      item.appendChild(link);
      list.appendChild(item);
    });
  }

  var latest = 0;
  var timer = null;

  function update() {
    var value = input.value;
    var ticket = ++latest;
    if (!value.trim()) {
      render({ query: value, total: 0, results: [], terms: [] });
      return;
    }
    search(value).then(function (found) {
      if (ticket === latest) render(found);
    }, function (error) {
      if (ticket === latest) { list.textContent = ''; meta.textContent = error.message; }
    });
  }

  function setOpen(open) {
    if (toggle.checked !== open) toggle.click();  // as Material does: fires "change"
  }

  function results() {
    return Array.prototype.slice.call(list.querySelectorAll('.md-search-result__link'));
  }

  function typingInto(element) {
    if (!element) return false;
    if (element instanceof HTMLInputElement) return element.type !== 'radio';
    return element instanceof HTMLSelectElement || element instanceof HTMLTextAreaElement ||
      element.isContentEditable;
  }

  // The result list is in the accessibility tree only while the dialog is open.
  function syncList() {
    list.setAttribute('role', toggle.checked ? 'list' : 'presentation');
    list.hidden = !toggle.checked;
  }

  toggle.addEventListener('change', function () {
    syncList();
    if (toggle.checked) loadEngine().catch(function (error) { meta.textContent = error.message; });
  });
  syncList();

  input.addEventListener('focus', function () { setOpen(true); });
  input.addEventListener('input', function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(update, 80);
  });
  form.addEventListener('submit', function (event) { event.preventDefault(); });
  form.addEventListener('reset', function () {
    window.setTimeout(function () { update(); input.focus(); }, 0);
  });
  dialog.addEventListener('click', function (event) {
    if (event.target instanceof Element && event.target.closest('a')) setOpen(false);
  });
  // The header's search button: focus the field, which brings up the keyboard on phones.
  Array.prototype.forEach.call(document.querySelectorAll('header [for="__search"]'), function (label) {
    label.addEventListener('click', function () { input.focus(); });
  });

  window.addEventListener('keydown', function (event) {
    if (event.metaKey || event.ctrlKey || event.altKey || event.isComposing) return;
    var active = document.activeElement;
    if (!toggle.checked) {
      if (typingInto(active)) return;
      if (event.key === '/' || event.key === 's' || event.key === 'f') {
        event.preventDefault();
        input.focus();
        input.select();
      }
      return;
    }
    var links = results();
    switch (event.key) {
      case 'Enter':
        if (active === input) {
          event.preventDefault();
          if (links.length) links[0].click();
        }
        break;
      case 'Escape':
      case 'Tab':
        setOpen(false);
        input.blur();
        break;
      case 'ArrowUp':
      case 'ArrowDown':
        var stops = [input].concat(links);
        var at = Math.max(0, stops.indexOf(active));
        stops[(at + stops.length + (event.key === 'ArrowUp' ? -1 : 1)) % stops.length].focus();
        event.preventDefault();
        break;
      default:
        if (active !== input && event.key.length === 1) input.focus();
    }
  });

  // ?q=... opens the search with that query, as Material's search does.
  var params = new URLSearchParams(location.search);
  if (params.has('q')) {
    input.value = params.get('q');
    setOpen(true);
    input.focus();
    update();
  }

  window.siteSearch = {
    search: search,
    prepareQuery: function (raw) {
      return loadEngine().then(function (engine) { return prepareQuery(raw, engine.rules); });
    }
  };
})();
