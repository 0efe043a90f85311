package dev.kizuna.segment.prediction;

import dev.kizuna.core.KizunaConfig;
import dev.kizuna.core.errors.InvalidInput;
import dev.kizuna.core.persistence.Database;
import dev.kizuna.core.scheduling.JobContext;
import dev.kizuna.core.scheduling.KizunaJob;
import dev.kizuna.segment.forecast.SalesForecast;
import dev.kizuna.segment.ltv.BgNbdFit;
import dev.kizuna.segment.ltv.BgNbdFitter;
import dev.kizuna.segment.ltv.BgNbdModel;
import dev.kizuna.segment.ltv.CustomerSummary;
import dev.kizuna.segment.ltv.GammaGammaFit;
import dev.kizuna.segment.ltv.GammaGammaFitter;
import dev.kizuna.segment.ltv.GammaGammaModel;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code ltv-fit}: re-fits the BG/NBD and Gamma-Gamma models on the shop's purchase history and scores every customer
 * with them (expected purchases over the horizon, P(alive), expected spend, predicted value, decile).
 *
 * <ol>
 *   <li>Every purchase streams through a cursor in member order and is folded into its customer's summary
 *       (purchase days, weeks, mean repeat spend), kept in primitive arrays, so a million customers take tens of
 *       megabytes, never their orders.</li>
 *   <li>The models are fitted on everyone, or on a deterministic sample of {@code kizuna.segments.ltv.fit-sample}
 *       customers in larger shops (the estimates of a six-figure sample are as good for scoring and keep the weekly
 *       fit within seconds); the decile bounds are placed from everyone's predicted value; the model is stored
 *       with its log-likelihoods (history kept).</li>
 *   <li>Keyset batches over member ids score the customers and add the predictions as rows of the new model (one
 *       COPY a batch), committing with the checkpoint; a run that dies resumes with the same model after its last
 *       batch, reading the summaries of each remaining batch again. Until every customer is scored the previous
 *       model's predictions stay the ones read; the last step makes the new model current and drops the older
 *       rows, those of customers without purchases any more included.</li>
 * </ol>
 * The fit also stores the shop's sales forecast for the next 4, 13 and 52 weeks ({@link SalesForecasts}) and, with
 * {@code kizuna.segments.ltv.backtest-weeks} (13; 0 for none), the same forecast back-tested: fitted again on the
 * history before that many weeks and compared week by week with what customers bought since.
 * A shop whose customers never bought twice has nothing to fit BG/NBD on: the run says so and keeps the previous
 * predictions.
 */
public final class LtvFitJob implements KizunaJob {
    public static final String NAME = "ltv-fit";
    static final String DEFAULT_SCHEDULE = "0 0 4 ? * SUN";

    private final Database db;
    private final CustomerHistories customers;
    private final LtvModels models;
    private final LtvStore store;
    private final int horizonWeeks;
    private final int batchSize;
    private final int fitSample;
    private final String schedule;
    private final SalesForecasts forecasts;
    private final int backTestWeeks;
    private volatile BatchObserver observer = last -> { };

    /** Lets a test stop a batch after its writes and before its commit, as a crash would. */
    interface BatchObserver {
        void scored(long lastMemberId);
    }

    void observeBatches(BatchObserver observer) {
        this.observer = observer;
    }

    public LtvFitJob(Database db, CustomerHistories customers, LtvModels models, LtvStore store,
                     SalesForecasts forecasts, KizunaConfig config) {
        this.forecasts = forecasts;
        this.backTestWeeks = config.intValue("kizuna.segments.ltv.backtest-weeks", 13);
        this.db = db;
        this.customers = customers;
        this.models = models;
        this.store = store;
        this.horizonWeeks = config.intValue("kizuna.segments.ltv.horizon-weeks", 52);
        this.batchSize = config.intValue("kizuna.segments.ltv.batch-size", 10_000);
        this.fitSample = config.intValue("kizuna.segments.ltv.fit-sample", 200_000);
        this.schedule = config.get("kizuna.segments.ltv.schedule").orElse(DEFAULT_SCHEDULE);
        if (horizonWeeks < 1 || horizonWeeks > 520) {
            throw new IllegalArgumentException("kizuna.segments.ltv.horizon-weeks must be between 1 and 520");
        }
        if (backTestWeeks < 0 || backTestWeeks > 104) {
            throw new IllegalArgumentException("kizuna.segments.ltv.backtest-weeks must be between 0 and 104");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("kizuna.segments.ltv.batch-size must be at least 1");
        }
        if (fitSample < 100) {
            throw new IllegalArgumentException("kizuna.segments.ltv.fit-sample must be at least 100");
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Fits the BG/NBD and Gamma-Gamma models to the purchase history and predicts every customer's "
                + "purchases, P(alive) and value over the next " + horizonWeeks + " weeks";
    }

    @Override
    public List<Object> descriptionArgs() {
        return List.of(horizonWeeks);
    }

    @Override
    public String defaultSchedule() {
        return schedule;
    }

    @Override
    public void run(JobContext ctx) {
        Optional<LtvModelRecord> resumed = ctx.checkpoint().isPresent()
                ? db.inTransaction(tx -> models.modelOfRun(tx, ctx.runId())) : Optional.empty();
        String note = "";
        CustomerBase base = null;
        if (resumed.isEmpty()) {
            Optional<Fitted> fitted = fit(ctx);
            if (fitted.isEmpty()) {
                return;
            }
            note = fitted.get().note();
            base = fitted.get().base();
        }
        LtvModelRecord model = db.inTransaction(tx -> models.modelOfRun(tx, ctx.runId())).orElseThrow();
        long modelId = model.id();
        LtvPredictor predictor = predictor(model);
        DecileBounds bounds = DecileBounds.fromEdges(model.decileBounds());
        if (base != null) {
            // A fresh run scores the summaries it fitted on, already in memory; only a resumed run reads them again.
            long scored = scoreFromMemory(ctx, modelId, predictor, bounds, base);
            boolean finished = scored == base.size();
            if (finished) {
                db.execute(tx -> models.markScored(tx, modelId, Instant.now()));
            }
            ctx.outcome(describe(model) + note + "; scored " + scored + " customers over " + model.horizonWeeks()
                    + " weeks" + (finished ? "" : " (stopped before the end)"),
                    finished ? "job.ltv-fit.outcome" : "job.ltv-fit.outcome-stopped", scored, model.horizonWeeks());
            return;
        }

        long total = db.inTransaction(customers::memberCount);
        ctx.total(total);
        long after = resumed.isPresent() ? Long.parseLong(ctx.checkpoint().get()) : 0;
        long done = resumed.isPresent()
                ? db.inTransaction(tx -> tx.sql().number("SELECT done FROM job_run WHERE id = ?", ctx.runId())) : 0;
        long scored = 0;
        boolean finished = false;
        while (!ctx.stopRequested()) {
            long from = after;
            long soFar = done;
            long[] batch = db.inTransaction(tx -> {
                Optional<CustomerHistories.KeyRange> range = customers.nextMembers(tx, from, batchSize);
                if (range.isEmpty()) {
                    return null;
                }
                List<CustomerHistories.PurchaseHistory> histories =
                        customers.histories(tx, from, range.get().last(), ctx.asOf());
                List<LtvStore.Prediction> predictions = new ArrayList<>(histories.size());
                for (CustomerHistories.PurchaseHistory h : histories) {
                    LtvPredictor.Figures f = predictor.predict(h.memberId(), h.x(), h.tx(), h.t(), h.meanRepeatSpend());
                    predictions.add(new LtvStore.Prediction(h.memberId(), h.x(), h.tx(), h.t(), h.meanRepeatSpend(),
                            f.expectedPurchases(), f.pAlive(), f.expectedSpend(), Math.round(f.value()),
                            bounds.decileOf(f.value())));
                }
                store.write(tx, modelId, predictions);
                observer.scored(range.get().last());
                long visited = soFar + range.get().count();
                ctx.progress(tx, visited, Math.max(total, visited), Long.toString(range.get().last()));
                return new long[]{range.get().last(), range.get().count(), predictions.size()};
            });
            if (batch == null) {
                finished = true;
                break;
            }
            after = batch[0];
            done += batch[1];
            scored += batch[2];
        }
        if (finished) {
            db.execute(tx -> models.markScored(tx, modelId, Instant.now()));
        }
        ctx.outcome(describe(model) + note + "; scored " + scored + " customers over " + model.horizonWeeks() + " weeks"
                + (finished ? "" : " (stopped before the end)"),
                finished ? "job.ltv-fit.outcome" : "job.ltv-fit.outcome-stopped", scored, model.horizonWeeks());
    }

    /**
     * Scores the customers in member-id order in committed batches, each with its checkpoint (the batch's last
     * member id, as the reading path uses). Returns how many were scored.
     */
    private long scoreFromMemory(JobContext ctx, long modelId, LtvPredictor predictor, DecileBounds bounds,
                                 CustomerBase base) {
        base.sortByMember();
        int n = base.size();
        int i = 0;
        while (i < n && !ctx.stopRequested()) {
            int start = i;
            int end = Math.min(n, i + batchSize);
            long last = base.memberId(end - 1);
            db.execute(tx -> {
                List<LtvStore.Prediction> predictions = new ArrayList<>(end - start);
                for (int k = start; k < end; k++) {
                    LtvPredictor.Figures f = predictor.predict(base.memberId(k), base.x(k), base.tx(k), base.t(k),
                            base.meanRepeatSpend(k));
                    predictions.add(new LtvStore.Prediction(base.memberId(k), base.x(k), base.tx(k), base.t(k),
                            base.meanRepeatSpend(k), f.expectedPurchases(), f.pAlive(), f.expectedSpend(),
                            Math.round(f.value()), bounds.decileOf(f.value())));
                }
                store.write(tx, modelId, predictions);
                observer.scored(last);
                ctx.progress(tx, end, n, Long.toString(last));
            });
            i = end;
        }
        return i;
    }

    private record Fitted(String note, CustomerBase base) {
    }

    /**
     * Reads every customer, fits, places the decile bounds and stores the model. Empty (with the outcome said) when
     * there is nothing to fit; else a note on the spend model ("" when Gamma-Gamma was fitted).
     */
    private Optional<Fitted> fit(JobContext ctx) {
        CustomerBase base = new CustomerBase();
        db.execute(tx -> customers.forEachHistory(tx, ctx.asOf(), base::add));
        if (base.size() == 0) {
            ctx.outcome("no customer has a purchase yet: nothing to fit", "job.ltv-fit.outcome-empty");
            return Optional.empty();
        }
        long started = System.nanoTime();
        List<CustomerSummary> sample = base.sample(fitSample);
        BgNbdFit purchases;
        try {
            purchases = BgNbdFitter.fit(sample);
        } catch (InvalidInput e) {
            ctx.outcome("cannot fit BG/NBD on " + sample.size() + " customers (" + e.reason()
                    + "); the previous predictions stay", "job.ltv-fit.outcome-unfit", sample.size());
            return Optional.empty();
        }
        GammaGammaFit spend = null;
        String spendProblem = null;
        try {
            spend = GammaGammaFitter.fit(sample);
        } catch (InvalidInput | ArithmeticException e) {
            spendProblem = e instanceof InvalidInput ii ? ii.reason() : e.getMessage();
        }
        long fitMillis = (System.nanoTime() - started) / 1_000_000;
        LtvPredictor predictor = new LtvPredictor(purchases.model(), spend == null ? null : spend.model(),
                base.meanSpend(), horizonWeeks);
        double[] values = new double[base.size()];
        for (int i = 0; i < base.size(); i++) {
            values[i] = predictor.value(base.memberId(i), base.x(i), base.tx(i), base.t(i), base.meanRepeatSpend(i));
        }
        DecileBounds bounds = DecileBounds.of(values, base.size());
        BgNbdModel bg = purchases.model();
        GammaGammaModel gg = spend == null ? null : spend.model();
        LtvModels.NewModel model = new LtvModels.NewModel(ctx.runId(), ctx.asOf(), Instant.now(), purchases.customers(),
                base.repeatCustomers(), base.size(), horizonWeeks, bg.r(), bg.alpha(), bg.a(), bg.b(),
                purchases.logLikelihood(), gg == null ? null : gg.p(), gg == null ? null : gg.q(),
                gg == null ? null : gg.gamma(), spend == null ? null : spend.logLikelihood(), base.meanSpend(), bounds,
                fitMillis);
        long modelId = db.inTransaction(tx -> models.saveModel(tx, model));
        SalesForecast forecast = SalesForecasts.forecastOf(base, bg, predictor);
        db.execute(tx -> forecasts.saveHorizons(tx, modelId, forecast));
        String backTest = "";
        if (backTestWeeks > 0) {
            backTest = forecasts.backTest(db, customers, modelId, ctx.asOf(), backTestWeeks, fitSample)
                    .map(w -> "; back-tested over " + w + " weeks")
                    .orElse("; no back-test (the history before the cutoff cannot be fitted)");
        }
        return Optional.of(new Fitted((spendProblem == null ? "" : " (Gamma-Gamma: " + spendProblem + ")") + backTest,
                base));
    }

    private LtvPredictor predictor(LtvModelRecord m) {
        GammaGammaModel spend = m.p() == null ? null : new GammaGammaModel(m.p(), m.q(), m.gamma());
        return new LtvPredictor(new BgNbdModel(m.r(), m.alpha(), m.a(), m.b()), spend, m.meanSpend(), m.horizonWeeks());
    }

    static String describe(LtvModelRecord m) {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT,
                "BG/NBD on %d customers: r=%.4g alpha=%.4g a=%.4g b=%.4g loglik=%.6g", m.customers(), m.r(), m.alpha(),
                m.a(), m.b(), m.logLikelihood()));
        if (m.p() != null) {
            s.append(String.format(Locale.ROOT, "; Gamma-Gamma: p=%.4g q=%.4g gamma=%.4g loglik=%.6g", m.p(), m.q(),
                    m.gamma(), m.gammaGammaLogLikelihood()));
            if (!(m.q() > 1)) {
                s.append(" (q ≤ 1: mean spend per purchase used)");
            }
        } else {
            s.append("; no Gamma-Gamma fit: mean spend per purchase used");
        }
        return s.toString();
    }
}
