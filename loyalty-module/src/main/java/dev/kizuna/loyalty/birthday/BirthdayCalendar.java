package dev.kizuna.loyalty.birthday;

import java.time.LocalDate;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.List;

/**
 * Which birthdays are due for a coupon on a given day in the shop's zone: those falling {@code daysBefore} days
 * ahead, plus the {@code catchUpDays} before that (so a day the job did not run, or a member who registered a few
 * days late, is still served; the unique key keeps anyone from getting two). A birthday on 29 February is
 * celebrated on 28 February in other years. The birthday year is the year of the date celebrated, so a birthday
 * on 3 January issued in late December counts for the new year.
 */
public final class BirthdayCalendar {

    private BirthdayCalendar() {
    }

    /** Members born on {@code monthDay} (MMDD as in the member mirror) celebrate on {@code birthday}. */
    public record Due(int monthDay, LocalDate birthday) {
        public int birthdayYear() {
            return birthday.getYear();
        }
    }

    public static List<Due> due(LocalDate today, int daysBefore, int catchUpDays) {
        LocalDate last = today.plusDays(daysBefore);
        LocalDate first = last.minusDays(catchUpDays);
        if (first.isBefore(today)) {
            first = today;
        }
        List<Due> out = new ArrayList<>();
        for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
            out.add(new Due(d.getMonthValue() * 100 + d.getDayOfMonth(), d));
            if (d.getMonthValue() == 2 && d.getDayOfMonth() == 28 && !d.isLeapYear()) {
                out.add(new Due(229, d));
            }
        }
        return out;
    }

    /** The day someone born on {@code monthDay} celebrates in {@code year}. */
    public static LocalDate celebratedIn(int year, int monthDay) {
        MonthDay md = MonthDay.of(monthDay / 100, monthDay % 100);
        return md.isValidYear(year) ? md.atYear(year) : LocalDate.of(year, 2, 28);
    }
}
