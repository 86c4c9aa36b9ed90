/* Built by `make assets` from static/js/src/: edit the parts there, not this file. */

/* --- 50-filters.js --- */
// Progressive enhancement: apply a filter as soon as it is ticked. Without
// JavaScript the form's submit button does the same.
document.querySelectorAll("form[data-autosubmit]").forEach(function (form) {
  form.addEventListener("change", function (event) {
    if (event.target.matches("input[type=checkbox], select")) {
      form.requestSubmit ? form.requestSubmit() : form.submit();
    }
  });
});
