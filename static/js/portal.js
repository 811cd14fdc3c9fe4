/* The portal's own behaviour on every page, without inline scripts (the Content-Security-Policy allows
   scripts from the portal only):
   - a <select data-autosubmit> sends its form when changed (the language switch);
   - a <button data-confirm="…"> asks before its form is sent (locking a whole month, deleting);
   - on a phone the menu folds behind the 菜单 button (without scripts it stays open);
   - a <select data-searchable> (a unit picker of a hundred units) gets a box that narrows its options. */
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  Array.prototype.forEach.call(document.querySelectorAll("select[data-searchable]"), function (select) {
    var box = document.createElement("input");
    box.type = "search";
    box.className = "select-search";
    box.placeholder = "搜索…";
    box.setAttribute("aria-label", "搜索");
    select.parentNode.insertBefore(box, select);
    box.addEventListener("input", function () {
      var wanted = box.value.trim();
      Array.prototype.forEach.call(select.options, function (option) {
        option.hidden = wanted !== "" && option.value !== "" && option.text.indexOf(wanted) === -1;
      });
    });
  });
  document.addEventListener("click", function (event) {
    var toggle = event.target.closest && event.target.closest("button.menu-button");
    if (!toggle) { return; }
    var menu = document.getElementById(toggle.getAttribute("aria-controls"));
    var open = toggle.getAttribute("aria-expanded") !== "true";
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
    if (menu) { menu.classList.toggle("open", open); }
  });
  document.addEventListener("change", function (event) {
    var select = event.target.closest && event.target.closest("select[data-autosubmit]");
    if (select && select.form) { select.form.submit(); }
  });
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button[data-confirm]");
    if (button && !window.confirm(button.getAttribute("data-confirm"))) {
      event.preventDefault();
    }
  });
}());
