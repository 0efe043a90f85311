-- A run's outcome for people: a console message key and its arguments, so the jobs page says it in the admin's
-- language; the English outcome line stays for logs and the API.
ALTER TABLE job_run ADD COLUMN outcome_key text, ADD COLUMN outcome_args text[];
