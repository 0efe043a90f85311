package dev.kizuna.segment.ltv;

import dev.kizuna.core.errors.InvalidInput;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/**
 * Fits the Gamma-Gamma spend model by maximum likelihood on the customers with repeat purchases and a positive mean
 * spend; the others say nothing about spend per repeat purchase.
 */
public final class GammaGammaFitter {
    private GammaGammaFitter() {
    }

    /**
     * Starts at p = 1, q = 2 and γ = the mean z̄, where the model's population mean spend pγ/(q−1) equals the
     * observed one, on the data's own currency scale.
     *
     * @throws InvalidInput        if no customer has repeat purchases with a known positive spend
     * @throws ArithmeticException if the search does not converge
     */
    public static GammaGammaFit fit(Collection<CustomerSummary> customers) {
        int buyers = 0;
        for (CustomerSummary customer : customers) {
            if (customer.hasRepeatSpend()) {
                buyers++;
            }
        }
        if (buyers == 0) {
            throw new InvalidInput("customers", "ltv.no-positive-spend");
        }
        int[] x = new int[buyers];
        double[] monetary = new double[buyers];
        Map<Integer, Integer> byFrequency = new TreeMap<>();
        double spendSum = 0;
        int i = 0;
        for (CustomerSummary customer : customers) {
            if (customer.hasRepeatSpend()) {
                x[i] = customer.frequency();
                monetary[i] = customer.monetary().getAsDouble();
                byFrequency.merge(x[i], 1, Integer::sum);
                spendSum += monetary[i];
                i++;
            }
        }
        int[] frequencies = byFrequency.keySet().stream().mapToInt(Integer::intValue).toArray();
        int[] buyersWithFrequency = byFrequency.values().stream().mapToInt(Integer::intValue).toArray();

        LikelihoodMaximizer.Maximum maximum = LikelihoodMaximizer.maximize(p -> {
            GammaGammaModel model = new GammaGammaModel(p[0], p[1], p[2]);
            double sum = 0;
            for (int k = 0; k < frequencies.length; k++) {
                sum += buyersWithFrequency[k] * model.frequencyTerm(frequencies[k]);
            }
            for (int k = 0; k < x.length; k++) {
                sum += model.spendTerm(x[k], monetary[k]);
            }
            return sum;
        }, new double[] {1, 2, spendSum / buyers});
        double[] p = maximum.parameters();
        return new GammaGammaFit(new GammaGammaModel(p[0], p[1], p[2]), maximum.logLikelihood(), buyers,
                maximum.iterations());
    }
}
