package dev.kizuna.loyalty.coupon;

import java.util.List;

/**
 * Codes for a campaign: {@code count} unassigned single-use codes, or one code for each customer of
 * {@code assignTo} (then {@code count}, if given, must equal their number).
 */
public record CodeRequest(Integer count, List<String> assignTo) {

    public static CodeRequest count(int count) {
        return new CodeRequest(count, null);
    }

    public static CodeRequest assignTo(List<String> customers) {
        return new CodeRequest(null, customers);
    }
}
