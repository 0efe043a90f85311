package dev.kizuna.segment.rfm;

import dev.kizuna.core.text.LocalizedText;

/**
 * One named segment of the RFM grid as the merchant edits it: its key (used in segment keys such as
 * {@code rfm:champions}), its name in the shop's languages, and the rectangle of the grid it covers, recency score from
 * {@code recencyMin} to {@code recencyMax} and FM score (rounded mean of the frequency and monetary scores) from
 * {@code fmMin} to {@code fmMax}, all 1–5. Boxed so a missing field in a request is reported, not read as 0.
 */
public record RfmSegmentDefinition(String key, LocalizedText name, Integer recencyMin, Integer recencyMax,
                                   Integer fmMin, Integer fmMax) {

    public boolean covers(int r, int fm) {
        return r >= recencyMin && r <= recencyMax && fm >= fmMin && fm <= fmMax;
    }
}
