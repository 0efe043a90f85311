package dev.kizuna.loyalty.rank;

import dev.kizuna.core.audit.AuditLog;
import dev.kizuna.core.errors.NotFound;
import dev.kizuna.core.mirror.Members;
import dev.kizuna.core.persistence.Database;
import dev.kizuna.core.persistence.Tx;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Member sales with early access by rank: the merchant creates them, the host asks whether a shopper may buy at a
 * sale now ({@link #access}), and the shopper's views announce the sales open to them now or later.
 */
public final class MemberSales {

    /** Whether the shopper may buy at the sale now, and from when they may (null: never). */
    public record Access(long saleId, boolean allowed, Instant opensAt, Instant endsAt, String rankCode) {
    }

    /** A sale as one shopper sees it: open now, or opening for them at {@code opensAt}. */
    public record Announced(long id, String name, Instant opensAt, Instant endsAt, boolean openNow, boolean early) {
    }

    private final Database db;
    private final RankStore ranks;
    private final MemberSaleStore store;
    private final Clock clock;
    private final AuditLog audit;

    MemberSales(Database db, RankStore ranks, MemberSaleStore store, Clock clock, AuditLog audit) {
        this.db = db;
        this.ranks = ranks;
        this.store = store;
        this.clock = clock;
        this.audit = audit;
    }

    public MemberSale create(MemberSale sale, String actor) {
        return db.inTransaction(tx -> {
            RankProgram program = ranks.program(tx);
            for (int i = 0; i < sale.earlyAccess().size(); i++) {
                if (program.find(sale.earlyAccess().get(i).rank()).isEmpty()) {
                    throw new dev.kizuna.core.errors.InvalidInput("earlyAccess[" + i + "].rank", "rank.unknown-rank",
                            sale.earlyAccess().get(i).rank());
                }
            }
            MemberSale saved = store.insert(tx, sale, clock.instant(), actor);
            audit.record(tx, actor, "rank.member-sale", "member-sale:" + saved.id(), null, saved);
            return saved;
        });
    }

    public List<MemberSale> current() {
        return db.inTransaction(tx -> store.current(tx, clock.instant()));
    }

    /** May this shopper buy at sale {@code saleId} now? */
    public Access access(String customerRef, long saleId) {
        return db.inTransaction(tx -> {
            MemberSale sale = store.find(tx, saleId).orElseThrow(() -> new NotFound("no member sale " + saleId));
            RankProgram program = ranks.program(tx);
            String rank = rankOf(tx, program, customerRef);
            Instant opens = sale.opensFor(program, rank);
            return new Access(saleId, sale.open(program, rank, clock.instant()), opens, sale.endsAt(), rank);
        });
    }

    /** The sales this shopper may buy at now or later, soonest ending first (secret sales only to their ranks). */
    public List<Announced> announced(String customerRef, Locale locale) {
        return db.inTransaction(tx -> {
            RankProgram program = ranks.program(tx);
            String rank = rankOf(tx, program, customerRef);
            Instant now = clock.instant();
            List<Announced> out = new ArrayList<>();
            for (MemberSale s : store.current(tx, now)) {
                Instant opens = s.opensFor(program, rank);
                if (opens != null) {
                    out.add(new Announced(s.id(), s.name().get(locale), opens, s.endsAt(), s.open(program, rank, now),
                            opens.isBefore(s.startsAt()) || s.membersOnly()));
                }
            }
            return out;
        });
    }

    private String rankOf(Tx tx, RankProgram program, String customerRef) {
        return Members.find(tx, customerRef).flatMap(m -> ranks.memberRank(tx, m)).map(MemberRank::rankCode)
                .orElse(program.base().code());
    }
}
