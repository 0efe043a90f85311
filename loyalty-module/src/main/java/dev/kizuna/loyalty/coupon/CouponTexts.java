package dev.kizuna.loyalty.coupon;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.util.Currency;
import java.util.Locale;

/** How a discount reads to a shopper, in Japanese or English (mails and shopper pages). */
public final class CouponTexts {
    private CouponTexts() {
    }

    public static String describe(Discount d, String currency, String lang) {
        boolean ja = !"en".equals(lang);
        return switch (d.type()) {
            case PERCENT -> ja ? d.value() + "%OFF" + (d.cap() == null ? "" : "(最大" + money(d.cap(), currency, lang) + ")")
                    : d.value() + "% off" + (d.cap() == null ? "" : " (up to " + money(d.cap(), currency, lang) + ")");
            case FIXED -> ja ? money(d.value(), currency, lang) + "引き" : money(d.value(), currency, lang) + " off";
            case FREE_SHIPPING -> ja ? "送料無料" : "free shipping";
            case BONUS_POINTS -> ja ? number(d.value(), lang) + "ポイント進呈" : number(d.value(), lang) + " bonus points";
        };
    }

    /** Minor units as an amount: 3000 JPY → 3,000円 (ja) or ¥3,000 (en). */
    public static String money(long minor, String currency, String lang) {
        Currency c = Currency.getInstance(currency);
        BigDecimal amount = BigDecimal.valueOf(minor, Math.max(0, c.getDefaultFractionDigits()));
        if (!"en".equals(lang) && currency.equals("JPY")) {
            return NumberFormat.getIntegerInstance(Locale.JAPAN).format(amount) + "円";
        }
        NumberFormat f = NumberFormat.getCurrencyInstance("en".equals(lang) ? Locale.US : Locale.JAPAN);
        f.setCurrency(c);
        f.setMinimumFractionDigits(Math.max(0, c.getDefaultFractionDigits()));
        f.setMaximumFractionDigits(Math.max(0, c.getDefaultFractionDigits()));
        return f.format(amount);
    }

    public static String number(long n, String lang) {
        return NumberFormat.getIntegerInstance("en".equals(lang) ? Locale.US : Locale.JAPAN).format(n);
    }
}
