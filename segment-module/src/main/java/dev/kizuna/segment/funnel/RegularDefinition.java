package dev.kizuna.segment.funnel;

import java.util.List;

/**
 * Who the merchant calls a regular: a member in any of {@code rfmSegments} (keys of the RFM segment map), or at rank
 * {@code rankAtLeast} or above (a rank code; null for no rank condition). Both empty: nobody is a regular.
 */
public record RegularDefinition(List<String> rfmSegments, String rankAtLeast) {
    public RegularDefinition {
        rfmSegments = rfmSegments == null ? List.of() : List.copyOf(rfmSegments);
        rankAtLeast = rankAtLeast == null || rankAtLeast.isBlank() ? null : rankAtLeast.strip();
    }
}
