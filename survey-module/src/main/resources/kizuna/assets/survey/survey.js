/*
 * Survey page branching: shows a question only when the earlier question it depends on was answered with one of
 * its data-any-of values, and disables hidden inputs so they are not sent. Without this script every question shows
 * with its condition in words, and the server ignores answers to questions whose condition is not met.
 */
(function () {
  'use strict';
  var form = document.querySelector('form.kz-form');
  if (!form) {
    return;
  }
  var questions = Array.prototype.slice.call(form.querySelectorAll('fieldset.kz-q'));

  function answersOf(key) {
    var values = [];
    var inputs = form.querySelectorAll('[name="q.' + key + '"]');
    Array.prototype.forEach.call(inputs, function (input) {
      var isChoice = input.type === 'radio' || input.type === 'checkbox';
      if (!input.disabled && (isChoice ? input.checked : input.value.trim() !== '')) {
        values.push(input.value);
      }
    });
    return values;
  }

  function update() {
    var shown = {};
    questions.forEach(function (fieldset) {
      var key = fieldset.getAttribute('data-key');
      var dependsOn = fieldset.getAttribute('data-show-if');
      var visible = true;
      if (dependsOn) {
        var anyOf = (fieldset.getAttribute('data-any-of') || '').split(' ');
        visible = shown[dependsOn] === true && answersOf(dependsOn).some(function (v) {
          return anyOf.indexOf(v) >= 0;
        });
      }
      fieldset.hidden = !visible;
      Array.prototype.forEach.call(fieldset.querySelectorAll('input, textarea, select'), function (input) {
        input.disabled = !visible;
      });
      shown[key] = visible;
    });
  }

  form.classList.add('kz-branching');
  form.addEventListener('change', update);
  form.addEventListener('input', update);
  update();
}());
