/**
 * Served from our own origin for the statement import page: reads the chosen
 * file into the text box, so the form can post it as an ordinary (CSRF-checked)
 * form. Without JavaScript the admin pastes the file's contents instead.
 */
export const IMPORT_FILE_SCRIPT = `(function () {
  var input = document.getElementById('statement-file');
  var box = document.getElementById('field-csv');
  if (!input || !box || !window.FileReader) return;
  input.hidden = false;
  var label = document.querySelector('label[for="statement-file"]');
  if (label) label.hidden = false;
  input.addEventListener('change', function () {
    var file = input.files && input.files[0];
    if (!file) return;
    var reader = new FileReader();
    reader.onload = function () { box.value = String(reader.result || ''); };
    reader.readAsText(file);
  });
})();
`;
