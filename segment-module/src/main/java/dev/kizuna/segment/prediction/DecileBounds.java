package dev.kizuna.segment.prediction;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Where the ten predicted-value deciles begin: decile 1 is the tenth of customers with the highest predicted value,
 * decile 10 the lowest. Kept as the nine lower edges of deciles 1–9, so a customer is placed by comparison alone
 * (batch by batch, without ranking everyone again); customers with equal predictions always share a decile.
 */
public final class DecileBounds {
    private final double[] lowerEdges;

    private DecileBounds(double[] lowerEdges) {
        this.lowerEdges = lowerEdges;
    }

    /** The bounds of {@code values} (sorted in place); decile k holds the values ranked ((k−1)·n/10, k·n/10]. */
    public static DecileBounds of(double[] values, int n) {
        double[] edges = new double[9];
        if (n == 0) {
            return new DecileBounds(edges);
        }
        Arrays.sort(values, 0, n);
        for (int k = 1; k <= 9; k++) {
            // descending rank ceil(k·n/10) is ascending index n − ceil(k·n/10)
            int rank = (int) Math.max(1, Math.min(n, (long) Math.ceil(k * (double) n / 10)));
            edges[k - 1] = values[n - rank];
        }
        return new DecileBounds(edges);
    }

    public static DecileBounds fromEdges(List<Double> edges) {
        if (edges.size() != 9) {
            throw new IllegalArgumentException("nine decile edges expected, got " + edges.size());
        }
        return new DecileBounds(edges.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** 1 (top) to 10. */
    public int decileOf(double predictedValue) {
        for (int k = 0; k < lowerEdges.length; k++) {
            if (predictedValue >= lowerEdges[k]) {
                return k + 1;
            }
        }
        return 10;
    }

    public List<Double> edges() {
        List<Double> out = new ArrayList<>(9);
        for (double e : lowerEdges) {
            out.add(e);
        }
        return out;
    }
}
