package dev.kizuna.segment.rfm;

import dev.kizuna.core.errors.InvalidInput;
import dev.kizuna.core.i18n.ProblemTexts;
import dev.kizuna.core.text.LocalizedTexts;

import java.util.ArrayList;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The merchant's map from RFM scores to named segments: rectangles of the 5 × 5 grid of recency score (rows) by FM
 * score (columns) that together cover every cell exactly once, so every scored member is in exactly one segment.
 * Built only through {@link #of}, which refuses an invalid map naming the offending field.
 */
public final class RfmSegmentMap {
    public static final int SCORES = 5;
    public static final int MAX_NAME = 60;
    private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9-]{0,39}");

    private final List<RfmSegmentDefinition> segments;
    private final RfmSegmentDefinition[][] cells;

    private RfmSegmentMap(List<RfmSegmentDefinition> segments, RfmSegmentDefinition[][] cells) {
        this.segments = segments;
        this.cells = cells;
    }

    /**
     * The FM score of a member: the mean of the frequency and monetary scores, halves rounded up (F 5 and M 4 is a
     * 5), so one strong dimension lifts a member as far as the grid's column allows.
     */
    public static int fm(int f, int m) {
        return (f + m + 1) / 2;
    }

    /** Validates {@code definitions} (fields named as {@code segments[i].field}) and builds the map. */
    public static RfmSegmentMap of(List<RfmSegmentDefinition> definitions) {
        if (definitions == null || definitions.isEmpty()) {
            throw new InvalidInput("segments", "rfm.segments-required");
        }
        if (definitions.size() > SCORES * SCORES) {
            throw new InvalidInput("segments", "rfm.too-many-segments", SCORES * SCORES);
        }
        Set<String> keys = new HashSet<>();
        List<RfmSegmentDefinition> checked = new ArrayList<>();
        RfmSegmentDefinition[][] cells = new RfmSegmentDefinition[SCORES][SCORES];
        for (int i = 0; i < definitions.size(); i++) {
            RfmSegmentDefinition d = definitions.get(i);
            String f = "segments[" + i + "]";
            if (d == null) {
                throw new InvalidInput(f, "required");
            }
            if (d.key() == null || d.key().isBlank()) {
                throw new InvalidInput(f + ".key", "required");
            }
            if (!KEY.matcher(d.key()).matches()) {
                throw new InvalidInput(f + ".key", "rfm.key-format");
            }
            if (!keys.add(d.key())) {
                throw new InvalidInput(f + ".key", "rfm.key-twice", d.key());
            }
            d = new RfmSegmentDefinition(d.key(), LocalizedTexts.required(f + ".name", d.name(), MAX_NAME),
                    d.recencyMin(), d.recencyMax(), d.fmMin(), d.fmMax());
            checked.add(d);
            score(f + ".recencyMin", d.recencyMin());
            score(f + ".recencyMax", d.recencyMax());
            score(f + ".fmMin", d.fmMin());
            score(f + ".fmMax", d.fmMax());
            if (d.recencyMax() < d.recencyMin()) {
                throw new InvalidInput(f + ".recencyMax", "rfm.max-below-min", new ProblemTexts.Field("segments.recencyMin"), d.recencyMin());
            }
            if (d.fmMax() < d.fmMin()) {
                throw new InvalidInput(f + ".fmMax", "rfm.max-below-min", new ProblemTexts.Field("segments.fmMin"), d.fmMin());
            }
            for (int r = d.recencyMin(); r <= d.recencyMax(); r++) {
                for (int fm = d.fmMin(); fm <= d.fmMax(); fm++) {
                    RfmSegmentDefinition owner = cells[r - 1][fm - 1];
                    if (owner != null) {
                        throw new InvalidInput(f, "rfm.overlap", new ProblemTexts.Localized(owner.name().text("ja"),
                                owner.name().text("en")), cell(r, fm));
                    }
                    cells[r - 1][fm - 1] = d;
                }
            }
        }
        for (int r = SCORES; r >= 1; r--) {
            for (int fm = 1; fm <= SCORES; fm++) {
                if (cells[r - 1][fm - 1] == null) {
                    throw new InvalidInput("segments", "rfm.cell-unassigned", cell(r, fm));
                }
            }
        }
        return new RfmSegmentMap(List.copyOf(checked), cells);
    }

    /** Whether {@code key} is spelled as a segment key: lower-case letters, digits and hyphens, a letter first. */
    public static boolean validKey(String key) {
        return key != null && KEY.matcher(key).matches();
    }

    private static void score(String field, Integer value) {
        if (value == null) {
            throw new InvalidInput(field, "required");
        }
        if (value < 1 || value > SCORES) {
            throw new InvalidInput(field, "out-of-range", 1, SCORES);
        }
    }

    private static String cell(int r, int fm) {
        return "R" + r + " × FM" + fm;
    }

    public List<RfmSegmentDefinition> segments() {
        return segments;
    }

    public Optional<RfmSegmentDefinition> find(String key) {
        return segments.stream().filter(s -> s.key().equals(key)).findFirst();
    }

    /** The segment of a member with recency score {@code r} and FM score {@code fm}. */
    public RfmSegmentDefinition segmentAt(int r, int fm) {
        if (r < 1 || r > SCORES || fm < 1 || fm > SCORES) {
            throw new IllegalArgumentException("scores run from 1 to 5: R" + r + " FM" + fm);
        }
        return cells[r - 1][fm - 1];
    }
}
