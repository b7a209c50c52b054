/* Progressive enhancement: click (or Enter on) a column heading to sort the table; the page is complete without it. */
(function () {
  document.querySelectorAll(".js-only").forEach(function (el) { el.hidden = false; });
  document.querySelectorAll("table.sortable").forEach(function (table) {
    var heads = table.tHead.rows[0].cells, body = table.tBodies[0];
    function key(row, i, numeric) {
      var cell = row.cells[i], raw = cell.getAttribute("data-sort");
      if (raw === null) { raw = cell.textContent.trim(); }
      return numeric ? parseFloat(raw) || 0 : raw.toLowerCase();
    }
    Array.prototype.forEach.call(heads, function (th, i) {
      var numeric = th.getAttribute("data-type") === "num";
      th.tabIndex = 0;
      th.classList.add("sort");
      function sort() {
        var asc = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(heads, function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", asc ? "ascending" : "descending");
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = key(a, i, numeric), y = key(b, i, numeric);
          var c = numeric ? x - y : x.localeCompare(y);
          return asc ? c : -c;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      }
      th.addEventListener("click", sort);
      th.addEventListener("keydown", function (e) {
        if (e.key === "Enter" || e.key === " ") { e.preventDefault(); sort(); }
      });
    });
  });
})();
