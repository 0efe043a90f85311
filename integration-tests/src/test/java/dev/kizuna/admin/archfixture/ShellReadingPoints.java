package dev.kizuna.admin.archfixture;

/** The console shell reaching into a feature. */
public class ShellReadingPoints {
    public Class<?> points() {
        return dev.kizuna.loyalty.points.PointsQueries.class;
    }

    public Class<?> fixture() {
        return dev.kizuna.loyalty.archfixture.QuartzJob.class;
    }
}
