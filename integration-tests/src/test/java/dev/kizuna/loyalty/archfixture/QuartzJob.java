package dev.kizuna.loyalty.archfixture;

/** A feature job talking to Quartz directly. */
public class QuartzJob {
    public org.quartz.JobKey key() {
        return org.quartz.JobKey.jobKey("fixture");
    }

    /** …and a dependency back onto the shell, closing a module cycle with the shell fixture. */
    public Class<?> shell() {
        return dev.kizuna.admin.archfixture.ShellReadingPoints.class;
    }
}
