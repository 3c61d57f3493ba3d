// Questionnaire answering (issue 19): shows and hides questions by their enableWhen as the answers change, the same
// rules the server applies when the form is sent (Samspil.Domain.Questionnaires.QuestionnaireAnswers.IsEnabled).
// Without this script the "update the questions" button asks the server, which keeps every answer.
(function () {
  'use strict';
  var root = document.querySelector('[data-questionnaire]');
  if (!root) { return; }
  var form = root.closest('form');
  if (!form) { return; }

  function valueOf(name) {
    var fields = form.querySelectorAll('[name="' + CSS.escape(name) + '"]');
    for (var i = 0; i < fields.length; i++) {
      var f = fields[i];
      if (f.closest('[hidden]')) { return null; }
      if (f.type === 'radio' || f.type === 'checkbox') { if (f.checked) { return f.value; } }
      else if (f.value.trim() !== '') { return f.value; }
    }
    return null;
  }

  function compare(a, b) {
    var x = Number(a), y = Number(b);
    if (a !== null && !isNaN(x) && !isNaN(y) && String(a).trim() !== '' && String(b).trim() !== '') { return x < y ? -1 : x > y ? 1 : 0; }
    return a < b ? -1 : a > b ? 1 : 0;
  }

  function holds(c) {
    var v = valueOf(c.name);
    if (c.op === 'Exists') { return (v !== null) === (c.answer === 'true'); }
    if (v === null) { return c.op === 'NotEqual'; }
    var r = compare(v, c.answer);
    switch (c.op) {
      case 'Equal': return r === 0;
      case 'NotEqual': return r !== 0;
      case 'Greater': return r > 0;
      case 'Less': return r < 0;
      case 'GreaterOrEqual': return r >= 0;
      case 'LessOrEqual': return r <= 0;
      default: return false;
    }
  }

  function update() {
    // Twice: a question shown by another conditional question settles on the second pass.
    for (var pass = 0; pass < 3; pass++) {
      root.querySelectorAll('[data-enable-when]').forEach(function (el) {
        var rule = JSON.parse(el.getAttribute('data-enable-when'));
        var results = rule.when.map(holds);
        var show = rule.any ? results.some(Boolean) : results.every(Boolean);
        el.hidden = !show;
      });
    }
  }

  var refresh = form.querySelector('[data-testid="questionnaire-refresh"]');
  if (refresh) { refresh.closest('p').hidden = true; }
  form.addEventListener('change', update);
  form.addEventListener('input', update);
  update();
})();
