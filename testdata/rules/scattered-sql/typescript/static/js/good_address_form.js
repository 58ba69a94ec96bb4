// ok: browser code runs no SQL; this is a CSS attribute selector
$(function () {
  var state = $("select[name$=state]");
  state.prop("disabled", true);
});
