package dev.kizuna.core.scheduling;

/**
 * Where a job's run stands: {@code job_run.status} holds its {@link #name()}, and the column's CHECK constraint lists
 * exactly these names ({@code JobRunStatusTest} holds the two together). The console shows it as
 * {@code jobs.status.<name>}.
 */
public enum JobRunStatus {
    /** Started and not finished; a run that died stays here until the next run of its job closes or resumes it. */
    RUNNING,
    SUCCEEDED,
    /** Failed, or abandoned by a node that stopped mid-run; the next run resumes it from its checkpoint. */
    FAILED
}
