package dev.kizuna.segment.rfm;

import dev.kizuna.core.text.LocalizedText;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A row of {@code rfm_segment}: one rectangle of the R × FM grid, at its place in the map. */
@Entity
@Table(name = "rfm_segment")
class RfmSegmentEntity {
    @Id
    String key;

    @Column(name = "name_ja", nullable = false)
    String nameJa;

    @Column(name = "name_en", nullable = false)
    String nameEn;

    @Column(name = "r_min", nullable = false)
    short recencyMin;

    @Column(name = "r_max", nullable = false)
    short recencyMax;

    @Column(name = "fm_min", nullable = false)
    short fmMin;

    @Column(name = "fm_max", nullable = false)
    short fmMax;

    @Column(nullable = false)
    int position;

    void set(RfmSegmentDefinition d, int at) {
        key = d.key();
        nameJa = d.name().ja();
        nameEn = d.name().en();
        recencyMin = d.recencyMin().shortValue();
        recencyMax = d.recencyMax().shortValue();
        fmMin = d.fmMin().shortValue();
        fmMax = d.fmMax().shortValue();
        position = at;
    }

    RfmSegmentDefinition toDefinition() {
        return new RfmSegmentDefinition(key, LocalizedText.of(nameJa, nameEn), (int) recencyMin, (int) recencyMax, (int) fmMin,
                (int) fmMax);
    }
}
