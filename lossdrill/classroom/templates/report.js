(function () {
  "use strict";
  var box = document.getElementById("student-filter");
  var rows = document.querySelectorAll("#students tbody tr");
  if (box) {
    box.addEventListener("input", function () {
      var wanted = box.value.trim().toLowerCase();
      rows.forEach(function (row) {
        row.hidden = wanted !== "" && row.getAttribute("data-search").indexOf(wanted) < 0;
      });
    });
  }
  var opened = [];
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details:not([open])").forEach(function (d) {
      d.open = true;
      opened.push(d);
    });
  });
  window.addEventListener("afterprint", function () {
    opened.forEach(function (d) { d.open = false; });
    opened = [];
  });
})();
