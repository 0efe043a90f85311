package dev.kizuna.segment.ltv;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The BG/NBD log-likelihood of a customer base, with the customers folded into distinct histories: shops with a
 * daily calendar have few distinct (x, t<sub>x</sub>, T), and the gamma-function part depends on x alone, so one
 * evaluation costs a handful of logarithms per distinct history instead of per customer.
 */
final class BgNbdLikelihood {
    private record History(int x, double tx, double age) {
    }

    private final int[] frequencies;
    private final int[] customersWithFrequency;
    private final int[] historyX;
    private final double[] historyTx;
    private final double[] historyAge;
    private final int[] customersWithHistory;
    private final long repeatPurchases;
    private final double totalAge;

    BgNbdLikelihood(Collection<CustomerSummary> customers) {
        Map<Integer, Integer> byFrequency = new TreeMap<>();
        Map<History, Integer> byHistory = new HashMap<>();
        long repeats = 0;
        double ages = 0;
        for (CustomerSummary customer : customers) {
            byFrequency.merge(customer.frequency(), 1, Integer::sum);
            byHistory.merge(new History(customer.frequency(), customer.recency(), customer.age()), 1, Integer::sum);
            repeats += customer.frequency();
            ages += customer.age();
        }
        frequencies = byFrequency.keySet().stream().mapToInt(Integer::intValue).toArray();
        customersWithFrequency = byFrequency.values().stream().mapToInt(Integer::intValue).toArray();
        historyX = new int[byHistory.size()];
        historyTx = new double[byHistory.size()];
        historyAge = new double[byHistory.size()];
        customersWithHistory = new int[byHistory.size()];
        int i = 0;
        for (Map.Entry<History, Integer> entry : byHistory.entrySet()) {
            historyX[i] = entry.getKey().x();
            historyTx[i] = entry.getKey().tx();
            historyAge[i] = entry.getKey().age();
            customersWithHistory[i] = entry.getValue();
            i++;
        }
        repeatPurchases = repeats;
        totalAge = ages;
    }

    long repeatPurchases() {
        return repeatPurchases;
    }

    double totalAge() {
        return totalAge;
    }

    double at(BgNbdModel model) {
        double sum = 0;
        for (int i = 0; i < frequencies.length; i++) {
            sum += customersWithFrequency[i] * model.frequencyTerm(frequencies[i]);
        }
        for (int i = 0; i < historyX.length; i++) {
            sum += customersWithHistory[i] * model.timingTerm(historyX[i], historyTx[i], historyAge[i]);
        }
        return sum;
    }
}
