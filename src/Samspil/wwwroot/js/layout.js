// The header's menu button and stacked tables on a narrow screen. A file of its own because the
// Content-Security-Policy allows only same-origin scripts; without it the menu stays open and wide tables scroll.
(function () {
  "use strict";

  // The menu button (shown below 720 px by site.css) opens and closes the main navigation.
  var header = document.querySelector("[data-topbar]");
  var button = header && header.querySelector("[data-menu-button]");
  if (header && button) {
    var close = function () {
      header.classList.remove("menu-open");
      button.setAttribute("aria-expanded", "false");
    };
    header.classList.add("has-menu");
    button.hidden = false;
    button.addEventListener("click", function () {
      var open = !header.classList.contains("menu-open");
      header.classList.toggle("menu-open", open);
      button.setAttribute("aria-expanded", open ? "true" : "false");
    });
    document.addEventListener("keydown", function (e) {
      if (e.key === "Escape" && header.classList.contains("menu-open")) {
        close();
        button.focus();
      }
    });
  }

  // The staff menus (issue 21): each group's button opens its list and closes the others; Escape closes the open one and
  // returns focus to its button; a click outside or focus leaving the group closes it. Without script every list shows.
  var groups = header ? Array.prototype.slice.call(header.querySelectorAll("[data-nav-group]")) : [];
  if (groups.length > 0) {
    var setOpen = function (group, open) {
      group.classList.toggle("open", open);
      group.querySelector(".nav-group-button").setAttribute("aria-expanded", open ? "true" : "false");
    };
    header.classList.add("has-groups");
    groups.forEach(function (group) {
      var groupButton = group.querySelector(".nav-group-button");
      groupButton.addEventListener("click", function () {
        var open = !group.classList.contains("open");
        groups.forEach(function (other) {
          setOpen(other, other === group && open);
        });
      });
      group.addEventListener("keydown", function (e) {
        if (e.key === "Escape" && group.classList.contains("open")) {
          e.stopPropagation();
          setOpen(group, false);
          groupButton.focus();
        }
      });
      group.addEventListener("focusout", function (e) {
        if (e.relatedTarget && !group.contains(e.relatedTarget)) {
          setOpen(group, false);
        }
      });
    });
    document.addEventListener("click", function (e) {
      groups.forEach(function (group) {
        if (!group.contains(e.target)) {
          setOpen(group, false);
        }
      });
    });
  }

  // Every data table: each cell gets its column's heading as data-label, so that site.css can show a row as a
  // card of "heading: value" lines on a phone. A table whose head spans columns is left as it is (it scrolls).
  document.querySelectorAll("table.table").forEach(function (table) {
    var head = table.tHead && table.tHead.rows.length === 1 ? table.tHead.rows[0] : null;
    if (!head) {
      return;
    }

    var labels = [];
    for (var i = 0; i < head.cells.length; i++) {
      if (head.cells[i].colSpan > 1) {
        return;
      }

      labels.push((head.cells[i].textContent || "").replace(/\s+/g, " ").trim());
    }

    Array.prototype.forEach.call(table.tBodies, function (body) {
      Array.prototype.forEach.call(body.rows, function (row) {
        if (row.cells.length !== labels.length) {
          row.classList.add("row-wide");
          return;
        }

        for (var c = 0; c < row.cells.length; c++) {
          if (!row.cells[c].hasAttribute("data-label")) {
            row.cells[c].setAttribute("data-label", labels[c]);
          }
        }
      });
    });
    table.classList.add("stackable");
  });

  // Forms (issue 21): a field with an error inside a closed <details> is shown, the error summary gets focus after a
  // failed submit, and each of its links moves focus to its field (a plain link would only scroll).
  var openAround = function (element) {
    for (var d = element.closest("details"); d; d = d.parentElement && d.parentElement.closest("details")) {
      d.open = true;
    }
  };
  document.querySelectorAll("[aria-invalid='true']").forEach(openAround);
  var summary = document.querySelector("[data-error-summary]");
  if (summary) {
    openAround(summary);
    summary.focus();
    summary.addEventListener("click", function (e) {
      var link = e.target.closest("a[href^='#']");
      var field = link && document.getElementById(link.getAttribute("href").slice(1));
      if (!field) {
        return;
      }

      e.preventDefault();
      openAround(field);
      var label = field.id && document.querySelector("label[for='" + field.id + "']");
      (label || field).scrollIntoView();
      field.focus({ preventScroll: true });
    });
  }
})();
