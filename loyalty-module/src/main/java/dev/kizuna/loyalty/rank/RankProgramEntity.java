package dev.kizuna.loyalty.rank;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** The one row of {@code rank_program}: the ladder's window and downgrade policy. */
@Entity
@Table(name = "rank_program")
class RankProgramEntity {
    static final short ID = 1;

    @Id
    Short id;

    @Column(name = "window_months", nullable = false)
    int windowMonths;

    @Enumerated(EnumType.STRING)
    @Column(name = "downgrade_policy", nullable = false)
    DowngradePolicy downgradePolicy;

    @Column(name = "updated_at", nullable = false)
    Instant updatedAt;
}
