/*
 * Progressive-profiling widget: sends one question's answer or skip as JSON to the shopper API
 * (POST /crm/api/me/profile/questions) with the shopper's session, then replaces the question with a thank-you.
 */
(function () {
  'use strict';

  function post(widget, body) {
    return fetch(widget.getAttribute('data-endpoint'), {
      method: 'POST',
      credentials: 'same-origin',
      headers: {'Content-Type': 'application/json', 'Accept': 'application/json'},
      body: JSON.stringify(body)
    }).then(function (response) {
      return response.json().catch(function () {
        return {};
      }).then(function (json) {
        return {ok: response.ok, json: json};
      });
    });
  }

  function done(form, text) {
    var fieldset = form.querySelector('fieldset');
    var message = document.createElement('p');
    message.className = 'kz-message';
    message.textContent = text;
    fieldset.parentNode.replaceChild(message, fieldset);
  }

  function failed(widget, form, problem) {
    var message = form.querySelector('.kz-message');
    message.classList.add('kz-message-error');
    message.textContent = widget.getAttribute('data-failed') + (problem && problem.detail ? ' (' + problem.detail + ')' : '');
  }

  function values(form) {
    var out = [];
    Array.prototype.forEach.call(form.querySelectorAll('[name="value"]'), function (input) {
      var isChoice = input.type === 'checkbox' || input.type === 'radio';
      if ((isChoice ? input.checked : true) && input.value.trim() !== '') {
        out.push(input.value);
      }
    });
    return out;
  }

  function send(widget, form, body) {
    var context = widget.getAttribute('data-context');
    if (context) {
      body.context = context;
    }
    Array.prototype.forEach.call(form.querySelectorAll('button'), function (b) {
      b.disabled = true;
    });
    post(widget, body).then(function (result) {
      if (!result.ok) {
        failed(widget, form, result.json);
        Array.prototype.forEach.call(form.querySelectorAll('button'), function (b) {
          b.disabled = false;
        });
        return;
      }
      var text = widget.getAttribute('data-thanks');
      if (result.json.pointsGranted > 0) {
        text += ' ' + widget.getAttribute('data-points').replace('{0}', String(result.json.pointsGranted));
      }
      done(form, text);
    }, function () {
      failed(widget, form, null);
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll('.kz-profile'), function (widget) {
    Array.prototype.forEach.call(widget.querySelectorAll('form.kz-pq-form'), function (form) {
      var key = form.getAttribute('data-key');
      form.addEventListener('submit', function (event) {
        event.preventDefault();
        var given = values(form);
        if (given.length === 0) {
          failed(widget, form, null);
          return;
        }
        send(widget, form, {answers: [{key: key, values: given}]});
      });
      var skip = form.querySelector('[data-skip]');
      skip.addEventListener('click', function () {
        send(widget, form, {skips: [key]});
      });
    });
  });
}());
