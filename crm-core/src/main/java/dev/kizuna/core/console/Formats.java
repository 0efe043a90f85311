package dev.kizuna.core.console;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.Currency;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Numbers, money and times as the console and shopper views show them: amounts in minor units formatted in their
 * currency (JPY without decimals: ¥12,345), points with grouping, days and times in the shop's zone written the
 * reader's way (2026年12月2日 10:00 / Dec 2, 2026 10:00).
 */
public final class Formats {
    private static final Pattern ISO_DAY = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private final Locale locale;
    private final ZoneId zone;
    private final Currency shopCurrency;
    // the reader's way of writing a day: 2026年12月2日 in Japanese, Dec 2, 2026 in English
    private final DateTimeFormatter dateFormat;
    private final DateTimeFormatter dateTimeFormat;
    private final DateTimeFormatter dateTimeSecondsFormat;

    public Formats(Locale locale, ZoneId zone, Currency shopCurrency) {
        this.locale = locale;
        this.zone = zone;
        this.shopCurrency = shopCurrency;
        String day = "ja".equals(locale.getLanguage()) ? "yyyy年M月d日" : "MMM d, yyyy";
        this.dateFormat = DateTimeFormatter.ofPattern(day, locale);
        this.dateTimeFormat = DateTimeFormatter.ofPattern(day + " HH:mm", locale);
        this.dateTimeSecondsFormat = DateTimeFormatter.ofPattern(day + " HH:mm:ss", locale);
    }

    public Locale locale() {
        return locale;
    }

    public ZoneId zone() {
        return zone;
    }

    public String shopCurrency() {
        return shopCurrency.getCurrencyCode();
    }

    /** {@code minor} units of {@code currencyCode}: 12345 JPY → ¥12,345; 1999 USD → $19.99. */
    public String money(Number minor, String currencyCode) {
        if (minor == null) {
            return "";
        }
        Currency currency = Currency.getInstance(currencyCode == null ? shopCurrency.getCurrencyCode() : currencyCode.trim());
        // Japanese shops write yen with the half-width ¥ in both languages; the country part picks JPY's symbol.
        NumberFormat f = NumberFormat.getCurrencyInstance("en".equals(locale.getLanguage())
                ? Locale.forLanguageTag("en-JP") : Locale.JAPAN);
        f.setCurrency(currency);
        int digits = Math.max(currency.getDefaultFractionDigits(), 0);
        f.setMinimumFractionDigits(digits);
        f.setMaximumFractionDigits(digits);
        return f.format(BigDecimal.valueOf(minor.longValue(), digits)).replace('￥', '¥');
    }

    /** In the shop's currency. */
    public String money(Number minor) {
        return money(minor, shopCurrency.getCurrencyCode());
    }

    public String number(Number n) {
        return n == null ? "" : NumberFormat.getIntegerInstance(locale).format(n.longValue());
    }

    /** Points with a sign when asked: +120 / −50 (true minus sign, as in statements). */
    public String signed(Number n) {
        if (n == null) {
            return "";
        }
        long v = n.longValue();
        return (v > 0 ? "+" : v < 0 ? "\u2212" : "") + number(Math.abs(v));
    }

    public String percent(Number n) {
        return n == null ? "" : n.longValue() + "%";
    }

    /** A shop-local date; accepts an {@link Instant}, a {@link LocalDate} or a day as ISO text (a stored birth date). */
    public String date(Object t) {
        return format(t, dateFormat);
    }

    /**
     * The last day of a validity that ends (exclusively) at {@code end}: a coupon valid "through 2026-12-31" ends at
     * 2027-01-01 00:00 shop time and shows as 2026-12-31.
     */
    public String lastDay(Object end) {
        return end instanceof Instant i ? date(i.minusNanos(1)) : date(end);
    }

    public String dateTime(Object t) {
        return format(t, dateTimeFormat);
    }

    public String dateTimeSeconds(Object t) {
        return format(t, dateTimeSecondsFormat);
    }

    private String format(Object t, DateTimeFormatter f) {
        if (t == null) {
            return "";
        }
        if (t instanceof Instant i) {
            return f.format(i.atZone(zone));
        }
        if (t instanceof LocalDate d) {
            return dateFormat.format(d); // a day has no time of day to show
        }
        if (t instanceof String s && ISO_DAY.matcher(s).matches()) {
            return dateFormat.format(LocalDate.parse(s));
        }
        if (t instanceof TemporalAccessor a) {
            return f.format(a);
        }
        return t.toString();
    }

    /** 1 h 02 min / 3 min 05 s / 850 ms. */
    public String duration(Duration d) {
        if (d == null) {
            return "";
        }
        long ms = d.toMillis();
        if (ms < 1000) {
            return ms + " ms";
        }
        long s = d.toSeconds();
        if (s < 60) {
            return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%d h %02d min", s / 3600, (s % 3600) / 60);
    }

    /** A month on a chart's axis: "26/12" in Japanese, "Dec 26" in English. */
    public String month(YearMonth month) {
        return DateTimeFormatter.ofPattern("ja".equals(locale.getLanguage()) ? "yy/M" : "MMM yy", locale).format(month);
    }
}
