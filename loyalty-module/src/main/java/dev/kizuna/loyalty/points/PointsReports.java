package dev.kizuna.loyalty.points;

import java.time.YearMonth;
import java.util.List;

/**
 * The programme's figures over time for the merchant's dashboard, provided through {@code ctx.ports()} by the points
 * module and computed in SQL over the ledger.
 */
public interface PointsReports {

    /**
     * One calendar month (shop time zone). issued: points earned by orders, granted and added by hand; redeemed:
     * points spent at committed checkouts less those given back afterwards; expired: points that lapsed;
     * available/pending: what members held at the month's end (or now, for the current month), the liability.
     */
    record MonthFigures(YearMonth month, long issued, long redeemed, long expired, long available, long pending) {
        public long liability() {
            return available + pending;
        }
    }

    /** The last {@code months} months, oldest first, ending with the current one; months without entries show 0. */
    List<MonthFigures> monthly(int months);
}
