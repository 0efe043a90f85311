// Jobs page: polls the job API and moves each running job's progress bar; when a run starts or finishes, the page
// reloads to show the new run with its formatted duration and outcome. External file: the CSP forbids inline script.
(function () {
  'use strict';
  var table = document.getElementById('jobs');
  if (!table || !window.fetch) { return; }
  var api = table.getAttribute('data-api');
  var statusText = {
    RUNNING: table.getAttribute('data-status-running'),
    SUCCEEDED: table.getAttribute('data-status-succeeded'),
    FAILED: table.getAttribute('data-status-failed')
  };
  var grouping = new Intl.NumberFormat(document.documentElement.lang || 'ja');

  function row(name) { return document.getElementById('job-' + name); }

  function update(job) {
    var tr = row(job.name);
    if (!tr) { return false; }
    var run = job.lastRun;
    var shownId = tr.getAttribute('data-run-id');
    var shownStatus = tr.getAttribute('data-status');
    if (!run) { return false; }
    if (String(run.id) !== shownId || run.status !== shownStatus) {
      return true; // a new run, or one that finished: reload for the full line
    }
    if (run.status !== 'RUNNING') { return false; }
    var bar = document.getElementById('progress-' + job.name);
    var label = document.getElementById('progress-label-' + job.name);
    if (bar && run.total > 0) {
      bar.max = run.total;
      bar.value = run.done;
    }
    if (label && run.total > 0) {
      label.textContent = grouping.format(run.done) + ' / ' + grouping.format(run.total);
    }
    var status = document.getElementById('status-' + job.name);
    if (status) { status.textContent = statusText[run.status] || run.status; }
    return false;
  }

  function poll() {
    fetch(api, { credentials: 'same-origin', headers: { 'Accept': 'application/json' } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (jobs) {
        if (!jobs) { return; }
        var reload = false;
        jobs.forEach(function (j) { reload = update(j) || reload; });
        if (reload) { window.location.reload(); return; }
        setTimeout(poll, 1500);
      })
      .catch(function () { setTimeout(poll, 5000); });
  }
  setTimeout(poll, 1500);
}());
