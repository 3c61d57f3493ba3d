// Admissions import: sends the chosen file to the API, then follows the import's progress until it
// has finished and lets the server render the result (error report) by reloading the page.
(function () {
  "use strict";

  var form = document.getElementById("import-form");
  var refused = document.getElementById("import-refused");
  var sending = document.getElementById("import-sending");

  function showRefusal(lines) {
    refused.textContent = "";
    var list = document.createElement("ul");
    lines.forEach(function (line) {
      var item = document.createElement("li");
      item.textContent = line;
      list.appendChild(item);
    });
    refused.appendChild(list);
    refused.hidden = false;
  }

  if (form) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      refused.hidden = true;
      var input = document.getElementById("import-file");
      var file = input.files && input.files[0];
      if (!file) {
        showRefusal([form.dataset.msgChoose]);
        return;
      }
      if (file.size > Number(form.dataset.maxBytes)) {
        showRefusal([form.dataset.msgTooLarge]);
        return;
      }
      var data = new FormData();
      data.append("file", file, file.name);
      var request = new XMLHttpRequest();
      request.open("POST", form.dataset.api);
      request.setRequestHeader("RequestVerificationToken", form.dataset.token);
      request.setRequestHeader("Accept", "application/json");
      request.upload.onprogress = function (e) {
        if (e.lengthComputable) {
          sending.textContent = form.dataset.msgSending + " " + Math.floor((e.loaded * 100) / e.total) + " %";
        }
      };
      request.onload = function () {
        sending.textContent = "";
        var body = null;
        try { body = JSON.parse(request.responseText); } catch (ignored) { body = null; }
        if (request.status === 202 && body && body.id) {
          window.location.assign("/Screening/Import?id=" + encodeURIComponent(body.id));
          return;
        }
        var lines = [];
        if (body && body.errors) {
          Object.keys(body.errors).forEach(function (key) { lines = lines.concat(body.errors[key]); });
        }
        if (lines.length === 0) {
          lines.push(body && body.detail ? body.detail : form.dataset.msgFailed);
        }
        showRefusal(lines);
      };
      request.onerror = function () {
        sending.textContent = "";
        showRefusal([form.dataset.msgFailed]);
      };
      sending.textContent = form.dataset.msgSending;
      request.send(data);
    });
  }

  var progress = document.getElementById("import-progress");
  if (!progress || progress.dataset.finished === "true") {
    return;
  }

  var bar = document.getElementById("import-bar");
  var meter = document.querySelector("#import-progress [role=progressbar]");
  function set(id, value) {
    var element = document.getElementById(id);
    if (element) { element.textContent = String(value); }
  }

  function poll() {
    fetch(progress.dataset.statusUrl, { headers: { "Accept": "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (state) {
        if (!state) {
          window.setTimeout(poll, 2000);
          return;
        }
        bar.setAttribute("width", String(state.percent));
        meter.setAttribute("aria-valuenow", String(state.percent));
        set("import-percent", state.percent + " %");
        set("rows-read", state.rowsRead);
        set("rows-inserted", state.rowsInserted);
        set("rows-updated", state.rowsUpdated);
        set("rows-unchanged", state.rowsUnchanged);
        set("rows-rejected", state.rowsRejected);
        if (state.finished) {
          window.location.reload();
        } else {
          window.setTimeout(poll, 500);
        }
      })
      .catch(function () { window.setTimeout(poll, 2000); });
  }

  window.setTimeout(poll, 300);
})();
