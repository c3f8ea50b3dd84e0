// Filters a table by the words typed into its search box, in the browser only.
// Markup (macros/render/cms.py): <div class="table-filter" data-table-filter="ID" hidden> with a
// labelled <input type="search"> and a role="status" count, then <div id="ID"> holding the table.
// The box stays hidden without JavaScript, so no control is shown that would do nothing.
(function () {
  "use strict";
  function setUp(box) {
    var holder = document.getElementById(box.getAttribute("data-table-filter"));
    var input = box.querySelector("input");
    var count = box.querySelector("[role=status]");
    var table = holder && holder.querySelector("table");
    if (!table || !input || !count) return;
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var texts = rows.map(function (row) { return row.textContent.toLowerCase().replace(/\s+/g, " "); });
    function noun(n) { return n === 1 ? " pair" : " pairs"; }
    function apply() {
      var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
      var shown = 0;
      rows.forEach(function (row, i) {
        var match = words.every(function (word) { return texts[i].indexOf(word) !== -1; });
        row.hidden = !match;
        if (match) shown += 1;
      });
      count.textContent = words.length
        ? shown + " of " + rows.length + noun(rows.length) + " shown"
        : rows.length + noun(rows.length);
    }
    input.addEventListener("input", apply);
    box.hidden = false;
    apply();
  }
  Array.prototype.forEach.call(document.querySelectorAll("[data-table-filter]"), setUp);
})();
