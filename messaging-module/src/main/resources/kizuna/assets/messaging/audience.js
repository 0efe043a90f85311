// Audience builder: counts the audience as it is being built (GET /crm/api/audiences/count), reading the same rows
// the form posts. Without script (or when the API refuses) the count button posts the form and the page counts.
// External file: the CSP forbids inline script.
(function () {
  'use strict';
  if (!window.fetch || !window.URLSearchParams) { return; }

  function value(form, name) {
    var el = form.elements.namedItem(name);
    return el && el.value ? el.value.trim() : '';
  }

  function checked(form, name) {
    var el = form.elements.namedItem(name);
    return !!(el && el.checked);
  }

  function number(text) { return Number(text.replace(/,/g, '')); }

  // one row as the API's criterion, the way AudienceForm reads it; null when the row is empty
  function criterion(form, row) {
    var picked = value(form, row);
    var a = value(form, row + '.a');
    var b = value(form, row + '.b');
    var c = null;
    if (!picked) { return null; }
    if (picked.indexOf('segment:') === 0) { c = { segment: picked.substring(8) }; }
    else if (picked.indexOf('rank:') === 0) { c = { rank: { atLeast: picked.substring(5) } }; }
    else if (picked.indexOf('birthdayMonth:') === 0) { c = { birthdayMonth: number(picked.substring(14)) }; }
    else if (picked === 'ltvDecile') { c = { ltvDecile: { from: number(a), to: b ? number(b) : 10 } }; }
    else if (picked === 'pAliveBelow') { c = { pAlive: { below: number(a.replace('%', '')) / 100 } }; }
    else if (picked === 'pAliveAtLeast') { c = { pAlive: { atLeast: number(a.replace('%', '')) / 100 } }; }
    else if (picked === 'pointsBalance') { c = { pointsBalance: { atLeast: number(a) } }; }
    else if (picked === 'pointsExpiringWithinDays') { c = { pointsExpiringWithinDays: number(a) }; }
    else if (picked === 'lastOrderOlderThanDays') { c = { lastOrderOlderThanDays: number(a) }; }
    else if (picked === 'profile') { c = { profile: { question: a, answer: b } }; }
    if (c === null) { return undefined; }
    return checked(form, row + '.not') ? { not: c } : c;
  }

  function audience(form, prefix, rows) {
    var json = value(form, prefix + 'json');
    if (json) {
      try { return JSON.parse(json); } catch (e) { return undefined; }
    }
    var parts = [];
    for (var i = 0; i < rows; i++) {
      var c = criterion(form, prefix + 'c' + i);
      if (c === undefined) { return undefined; }
      if (c !== null) { parts.push(c); }
    }
    if (parts.length === 0) { return { all: true }; }
    if (parts.length === 1) { return parts[0]; }
    return value(form, prefix + 'match') === 'any' ? { or: parts } : { and: parts };
  }

  document.querySelectorAll('fieldset.audience-builder').forEach(function (set) {
    var out = document.getElementById(set.id + '-count');
    var form = set.form || set.closest('form');
    if (!out || !form) { return; }
    var prefix = set.getAttribute('data-prefix') || '';
    var rows = Number(set.getAttribute('data-rows'));
    var grouping = new Intl.NumberFormat(document.documentElement.lang || 'ja');
    var timer = null;
    var asked = 0;

    function count() {
      var a = audience(form, prefix, rows);
      if (a === undefined) { out.textContent = out.getAttribute('data-refused'); return; }
      var q = new URLSearchParams({ audience: JSON.stringify(a), channel: value(form, 'channel') || 'mail' });
      var mine = ++asked;
      fetch(out.getAttribute('data-api') + '?' + q.toString(),
        { credentials: 'same-origin', headers: { 'Accept': 'application/json' } })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (body) {
          if (mine !== asked) { return; } // an older answer arriving late
          out.textContent = body ? out.getAttribute('data-text').replace('__N__', grouping.format(body.count))
            : out.getAttribute('data-refused');
        })
        .catch(function () { out.textContent = out.getAttribute('data-refused'); });
    }

    function later() {
      clearTimeout(timer);
      timer = setTimeout(count, 300);
    }
    form.addEventListener('input', later);
    form.addEventListener('change', later);
    count();
  });
}());
