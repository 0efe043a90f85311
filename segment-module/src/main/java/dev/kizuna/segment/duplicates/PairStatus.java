package dev.kizuna.segment.duplicates;

/** Where a likely duplicate pair stands; stored by name in {@code duplicate_pair.status}. */
public enum PairStatus {
    /** found and waiting for staff */
    OPEN,
    /** staff judged them two people: later runs leave the pair alone */
    DISMISSED,
    /** merged, by staff from this pair or by the host's merge of the two */
    MERGED
}
