// Live preview for the template editor: a progressive enhancement. Without it
// the "Preview" button does the same with a round trip. The HTML comes from our
// own preview endpoint, which builds it from CommonMark with raw HTML off and
// escapes every value, so it is set as markup; error messages are set as text.
(function () {
  'use strict';
  var form = document.querySelector('form.template-editor');
  var section = document.getElementById('preview');
  if (!form || !section || !window.fetch) return;
  var url = section.getAttribute('data-preview-url');
  var title = form.querySelector('#field-title');
  var body = form.querySelector('#field-body');
  var csrf = form.querySelector('input[name="_csrf"]');
  var output = section.querySelector('.document-preview');
  var status = section.querySelector('[data-preview-status]');
  if (!url || !title || !body || !csrf || !output || !status) return;

  var timer = null;
  var latest = 0;

  function show(message) {
    status.textContent = message;
  }

  function refresh() {
    var ticket = ++latest;
    fetch(url, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'X-CSRF-Token': csrf.value },
      body: JSON.stringify({ title: title.value, body: body.value }),
    })
      .then(function (res) {
        return res.json().then(function (json) {
          return { ok: res.ok, json: json };
        });
      })
      .then(function (result) {
        if (ticket !== latest) return;
        section.hidden = false;
        if (result.ok && typeof result.json.html === 'string') {
          output.innerHTML = result.json.html;
          show('Preview updated.');
          return;
        }
        var errors = (result.json && result.json.errors) || {};
        var messages = [].concat(errors.title || [], errors.body || []);
        show(messages.length ? 'Cannot preview: ' + messages.join(' ') : (result.json && result.json.message) || 'Cannot preview this text.');
      })
      .catch(function () {
        if (ticket === latest) show('The preview could not be updated. Use the Preview button.');
      });
  }

  function schedule() {
    if (timer) clearTimeout(timer);
    timer = setTimeout(refresh, 500);
  }

  title.addEventListener('input', schedule);
  body.addEventListener('input', schedule);
})();
