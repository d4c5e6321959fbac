// ChurnOps dashboard: progressive enhancement only; every page reads fine without it.
// A mutating button calls the native JSON API (the server accepts writes only as application/json):
//   <button data-action="/api/v1/..." data-method="POST" data-body='{"note":"..."}' data-confirm="Roll back?">Roll back</button>
// Fields named in data-fields (ids of inputs, comma separated) are added to the body by their name attribute.
// The answer (or its error) is shown in the nearest [data-action-status] region; on success the page reloads.
(function () {
  "use strict";

  function statusRegion(button) {
    var scope = button.closest("[data-action-scope]") || document;
    return scope.querySelector("[data-action-status]");
  }

  function say(region, text, kind) {
    if (!region) { return; }
    region.textContent = text;
    region.className = "action-status " + (kind || "");
  }

  async function run(button) {
    var url = button.getAttribute("data-action");
    var method = (button.getAttribute("data-method") || "POST").toUpperCase();
    var confirmText = button.getAttribute("data-confirm");
    if (confirmText && !window.confirm(confirmText)) { return; }
    var body = {};
    try { body = JSON.parse(button.getAttribute("data-body") || "{}"); } catch (e) { body = {}; }
    (button.getAttribute("data-fields") || "").split(",").filter(Boolean).forEach(function (id) {
      var field = document.getElementById(id.trim());
      if (field && field.name) { body[field.name] = field.value; }
    });
    var region = statusRegion(button);
    button.disabled = true;
    say(region, "Working…", "");
    try {
      var response = await fetch(url, {
        method: method,
        headers: { "Content-Type": "application/json", "Accept": "application/json" },
        body: JSON.stringify(body),
        credentials: "same-origin"
      });
      if (response.ok) {
        say(region, "Done.", "ok");
        window.setTimeout(function () { window.location.reload(); }, 300);
        return;
      }
      var message = response.status + " " + response.statusText;
      try {
        var problem = await response.json();
        message = problem.detail || problem.title || problem.message || problem.error || message;
      } catch (e) { /* not JSON: keep the status line */ }
      say(region, message, "bad");
    } catch (e) {
      say(region, "The server could not be reached: " + e.message, "bad");
    } finally {
      button.disabled = false;
    }
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-action]");
    if (button) {
      event.preventDefault();
      run(button);
    }
  });

  // Compare: keep the submit button honest about how many runs are ticked (2 to 5).
  document.addEventListener("change", function (event) {
    var box = event.target.closest("input[type=checkbox][name=runs]");
    if (!box) { return; }
    var form = box.form;
    var count = form.querySelectorAll("input[type=checkbox][name=runs]:checked").length;
    var submit = form.querySelector("[data-compare-submit]");
    if (submit) {
      submit.disabled = count < 2 || count > 5;
      submit.textContent = "Compare " + count + " runs";
    }
  });
})();
