// Forms: move focus to what a visitor must read first after a page load (the error
// summary of a form sent with mistakes, the confirmation after sending). Browsers that
// honour `autofocus` on it have done so already; the others get it here.
(function () {
  var target = document.querySelector("[data-focus-on-load]");
  if (target && document.activeElement !== target) {
    target.focus();
  }
})();

// "Was deze pagina nuttig?": send the answer in the background and put the thank-you
// in the widget's place, with focus on it. Without JavaScript the form posts and the
// page comes back with ?feedback=bedankt, which shows the same thank-you.
document.querySelectorAll("form[data-feedback]").forEach(function (form) {
  var widget = form.closest("[data-feedback-widget]");
  form.addEventListener("submit", function (event) {
    if (!window.fetch || !window.FormData) {
      return;
    }
    event.preventDefault();
    var data = new FormData(form);
    var button = event.submitter;
    if (button && button.name) {
      data.append(button.name, button.value);
    }
    form.querySelectorAll("button").forEach(function (b) { b.disabled = true; });
    fetch(form.action, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(String(response.status));
        }
        var thanks = widget.querySelector("[data-feedback-thanks]");
        widget.querySelectorAll("[data-feedback-question]").forEach(function (el) {
          el.hidden = true;
        });
        thanks.hidden = false;
        thanks.focus();
      })
      .catch(function () {
        form.querySelectorAll("button").forEach(function (b) { b.disabled = false; });
        var failed = widget.querySelector("[data-feedback-failed]");
        failed.hidden = false;
      });
  });
});
