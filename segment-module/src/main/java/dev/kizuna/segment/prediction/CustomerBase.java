package dev.kizuna.segment.prediction;

import dev.kizuna.segment.ltv.CustomerSummary;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Every customer's summary held in primitive arrays (about 36 bytes a customer, so a million fit in 36 MB where as
 * many summary objects would take several times that), for fitting on a sample and placing the decile bounds.
 */
final class CustomerBase {
    private long[] memberIds = new long[1024];
    private int[] x = new int[1024];
    private double[] tx = new double[1024];
    private double[] t = new double[1024];
    private double[] meanRepeatSpend = new double[1024];
    private int size;
    private double spendTotal;
    private long purchaseDays;

    void add(CustomerHistories.PurchaseHistory h) {
        if (size == memberIds.length) {
            int grown = size * 2;
            memberIds = Arrays.copyOf(memberIds, grown);
            x = Arrays.copyOf(x, grown);
            tx = Arrays.copyOf(tx, grown);
            t = Arrays.copyOf(t, grown);
            meanRepeatSpend = Arrays.copyOf(meanRepeatSpend, grown);
        }
        memberIds[size] = h.memberId();
        x[size] = h.x();
        tx[size] = h.tx();
        t[size] = h.t();
        meanRepeatSpend[size] = h.meanRepeatSpend();
        spendTotal += h.meanSpend() * (h.x() + 1);
        purchaseDays += h.x() + 1;
        size++;
    }

    int size() {
        return size;
    }

    /** Puts the customers in member-id order, the order the scoring batches and their checkpoints follow. */
    void sortByMember() {
        if (sortedByMember()) {
            return;
        }
        Integer[] order = new Integer[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        long[] ids = memberIds;
        Arrays.sort(order, (a, b) -> Long.compare(ids[a], ids[b]));
        long[] m = new long[size];
        int[] xs = new int[size];
        double[] txs = new double[size];
        double[] ts = new double[size];
        double[] spend = new double[size];
        for (int i = 0; i < size; i++) {
            int k = order[i];
            m[i] = memberIds[k];
            xs[i] = x[k];
            txs[i] = tx[k];
            ts[i] = t[k];
            spend[i] = meanRepeatSpend[k];
        }
        memberIds = m;
        x = xs;
        tx = txs;
        t = ts;
        meanRepeatSpend = spend;
    }

    private boolean sortedByMember() {
        for (int i = 1; i < size; i++) {
            if (memberIds[i - 1] > memberIds[i]) {
                return false;
            }
        }
        return true;
    }

    long repeatCustomers() {
        long n = 0;
        for (int i = 0; i < size; i++) {
            if (x[i] > 0) {
                n++;
            }
        }
        return n;
    }

    /** Mean spend of a purchase day over everyone, minor units: the spend prediction when Gamma-Gamma cannot be used. */
    double meanSpend() {
        return purchaseDays == 0 ? 0 : spendTotal / purchaseDays;
    }

    long memberId(int i) {
        return memberIds[i];
    }

    int x(int i) {
        return x[i];
    }

    double tx(int i) {
        return tx[i];
    }

    double t(int i) {
        return t[i];
    }

    double meanRepeatSpend(int i) {
        return meanRepeatSpend[i];
    }

    CustomerSummary summary(int i) {
        return x[i] == 0 ? CustomerSummary.of(0, 0, t[i]) : CustomerSummary.of(x[i], tx[i], t[i], meanRepeatSpend[i]);
    }

    /**
     * At most about {@code max} customers to fit on: everyone when there are no more, else those whose member id
     * hashes below the sampling rate, so a rerun on the same history picks the same customers.
     */
    List<CustomerSummary> sample(int max) {
        List<CustomerSummary> out = new ArrayList<>(Math.min(size, max));
        if (size <= max) {
            for (int i = 0; i < size; i++) {
                out.add(summary(i));
            }
            return out;
        }
        long threshold = (long) Math.ceil((double) max * BUCKETS / size);
        for (int i = 0; i < size; i++) {
            if (Long.remainderUnsigned(mix(memberIds[i]), BUCKETS) < threshold) {
                out.add(summary(i));
            }
        }
        return out;
    }

    private static final long BUCKETS = 1_000_000;

    /** SplitMix64's finaliser: consecutive ids spread evenly. */
    static long mix(long id) {
        long z = id + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
