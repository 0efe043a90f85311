package dev.kizuna.loyalty.referral;

import dev.kizuna.core.persistence.Sql;
import dev.kizuna.core.persistence.Tx;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The referral tables. */
final class ReferralStore {

    /** One referral as the handlers and the job work on it. */
    record Row(long id, long referrerId, long referredId, ReferralState state, RewardMoment rewardOn, String orderRef) {
    }

    ReferralProgram program(Tx tx) {
        return tx.sql().one("""
                SELECT active, reward_on, referrer_points, referred_points, monthly_limit, confirm_days,
                       referrer_reward, referrer_campaign_id, referred_reward, referred_campaign_id, coupon_valid_days
                FROM referral_program WHERE id = 1""",
                rs -> new ReferralProgram(rs.getBoolean(1), RewardMoment.valueOf(rs.getString(2)), rs.getLong(3),
                        rs.getLong(4), rs.getInt(5), rs.getInt(6), RewardKind.valueOf(rs.getString(7)),
                        rs.getObject(8, Long.class), RewardKind.valueOf(rs.getString(9)),
                        rs.getObject(10, Long.class), rs.getInt(11))).orElseThrow();
    }

    void saveProgram(Tx tx, ReferralProgram p, Instant at, String actor) {
        tx.sql().update("""
                UPDATE referral_program SET active = ?, reward_on = ?, referrer_points = ?, referred_points = ?,
                       monthly_limit = ?, confirm_days = ?, referrer_reward = ?, referrer_campaign_id = ?,
                       referred_reward = ?, referred_campaign_id = ?, coupon_valid_days = ?, updated_at = ?,
                       updated_by = ? WHERE id = 1""",
                p.active(), p.rewardOn(), p.referrerPoints(), p.referredPoints(), p.monthlyLimit(), p.confirmDays(),
                p.referrerReward(), p.couponOfReferrer(), p.referredReward(), p.couponOfReferred(),
                p.couponValidDays(), at, actor);
    }

    Optional<String> code(Tx tx, long memberId) {
        return tx.sql().one("SELECT code FROM referral_code WHERE member_id = ?", rs -> rs.getString(1), memberId);
    }

    /** False when the member has a code already or the code is taken. */
    boolean insertCode(Tx tx, long memberId, String code, Instant at) {
        return tx.sql().update("INSERT INTO referral_code (member_id, code, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                memberId, code, at) == 1;
    }

    Optional<Long> memberOfCode(Tx tx, String code) {
        return tx.sql().one("SELECT member_id FROM referral_code WHERE code = ?", rs -> rs.getLong(1), code);
    }

    void signal(Tx tx, long memberId, String kind, String hash) {
        tx.sql().update("INSERT INTO referral_signal (member_id, kind, hash) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                memberId, kind, hash);
    }

    void forgetSignals(Tx tx, long memberId) {
        tx.sql().update("DELETE FROM referral_signal WHERE member_id = ?", memberId);
    }

    Traces traces(Tx tx, long memberId) {
        byte[][] indexes = tx.sql().one("SELECT email_index, phone_index FROM member WHERE id = ?",
                rs -> new byte[][]{rs.getBytes(1), rs.getBytes(2)}, memberId).orElse(new byte[2][]);
        Set<String> devices = new HashSet<>();
        Set<String> addresses = new HashSet<>();
        Set<String> payments = new HashSet<>();
        tx.sql().list("SELECT kind, hash FROM referral_signal WHERE member_id = ?", rs -> {
            Set<String> to = switch (rs.getString(1)) {
                case "DEVICE" -> devices;
                case "ADDRESS" -> addresses;
                default -> payments;
            };
            return to.add(rs.getString(2));
        }, memberId);
        return new Traces(indexes[0], indexes[1], devices, addresses, payments);
    }

    /** The new referral's id, or empty when the member was referred before (a replay). */
    Optional<Long> insert(Tx tx, long referrerId, long referredId, RewardMoment rewardOn, ReferralState state,
                          BlockRule rule, Instant at) {
        return tx.sql().one("""
                INSERT INTO referral (referrer_id, referred_id, state, blocked_rule, reward_on, registered_at)
                VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (referred_id) DO NOTHING RETURNING id""",
                rs -> rs.getLong(1), referrerId, referredId, state, rule == null ? null : rule.name(), rewardOn, at);
    }

    /** Referrals of the referrer registered since the start of the shop month that are not blocked or void. */
    long countedThisMonth(Tx tx, long referrerId, Instant monthStart) {
        return tx.sql().number("SELECT count(*) FROM referral WHERE referrer_id = ? AND registered_at >= ? AND state IN ("
                + Sql.literals(ReferralState.AWAITING_ORDER, ReferralState.HELD, ReferralState.REWARDED) + ")",
                referrerId, monthStart);
    }

    private static final String ROW = "SELECT id, referrer_id, referred_id, state, reward_on, order_ref FROM referral ";

    private static Row row(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Row(rs.getLong(1), rs.getLong(2), rs.getLong(3), ReferralState.valueOf(rs.getString(4)),
                RewardMoment.valueOf(rs.getString(5)), rs.getString(6));
    }

    Optional<Row> lock(Tx tx, long id) {
        return tx.sql().one(ROW + "WHERE id = ? FOR UPDATE", ReferralStore::row, id);
    }

    Optional<Row> awaitingOf(Tx tx, long referredId, RewardMoment rewardOn) {
        return tx.sql().one(ROW + "WHERE referred_id = ? AND state = ? AND reward_on = ? FOR UPDATE", ReferralStore::row,
                referredId, ReferralState.AWAITING_ORDER, rewardOn);
    }

    /** The customers among these with a referral waiting for their order of this kind. */
    Set<String> customersAwaiting(Tx tx, String[] customerRefs, RewardMoment rewardOn) {
        if (customerRefs.length == 0) {
            return Set.of();
        }
        return new HashSet<>(tx.sql().list("""
                SELECT m.customer_ref FROM member m JOIN referral r ON r.referred_id = m.id
                WHERE m.customer_ref = ANY(?) AND r.state = ? AND r.reward_on = ?""", rs -> rs.getString(1),
                tx.sql().textArray(customerRefs), ReferralState.AWAITING_ORDER, rewardOn));
    }

    /** The orders among these that a referral holds, or whose member has one waiting for a delivered order. */
    Set<String> ordersConcerned(Tx tx, String[] orderRefs) {
        return new HashSet<>(tx.sql().list("""
                SELECT t.ref FROM unnest(?::text[]) AS t(ref)
                WHERE EXISTS (SELECT 1 FROM referral r WHERE r.order_ref = t.ref AND r.state = ?)
                   OR EXISTS (SELECT 1 FROM order_summary o JOIN referral r ON r.referred_id = o.member_id
                              WHERE o.order_ref = t.ref AND r.state = ? AND r.reward_on = ?)""", rs -> rs.getString(1),
                tx.sql().textArray(orderRefs), ReferralState.HELD, ReferralState.AWAITING_ORDER,
                RewardMoment.FIRST_DELIVERED_ORDER));
    }

    Optional<Row> heldFor(Tx tx, String orderRef) {
        return tx.sql().one(ROW + "WHERE order_ref = ? AND state = ? FOR UPDATE", ReferralStore::row, orderRef,
                ReferralState.HELD);
    }

    Optional<Long> memberOfOrder(Tx tx, String orderRef) {
        return tx.sql().one("SELECT member_id FROM order_summary WHERE order_ref = ? AND member_id IS NOT NULL",
                rs -> rs.getLong(1), orderRef);
    }

    void hold(Tx tx, long id, String orderRef, Instant dueAt) {
        tx.sql().update("UPDATE referral SET state = ?, order_ref = ?, due_at = ? WHERE id = ?", ReferralState.HELD,
                orderRef, dueAt, id);
    }

    /** The return window starts at the first delivery; a later delivery event keeps it. */
    void due(Tx tx, long id, Instant dueAt) {
        tx.sql().update("UPDATE referral SET due_at = coalesce(due_at, ?) WHERE id = ?", dueAt, id);
    }

    void block(Tx tx, long id, BlockRule rule) {
        tx.sql().update("UPDATE referral SET state = ?, blocked_rule = ? WHERE id = ?", ReferralState.BLOCKED,
                rule.name(), id);
    }

    void state(Tx tx, long id, ReferralState state) {
        tx.sql().update("UPDATE referral SET state = ?, order_ref = CASE WHEN ? THEN NULL ELSE order_ref END, "
                        + "due_at = CASE WHEN ? THEN NULL ELSE due_at END WHERE id = ?",
                state, state == ReferralState.AWAITING_ORDER, state == ReferralState.AWAITING_ORDER, id);
    }

    /** What each side was given: points, and the campaign of a coupon issued (null when none was). */
    void rewarded(Tx tx, long id, long referrerPoints, long referredPoints, Long referrerCampaignId,
                  Long referredCampaignId, Instant at) {
        tx.sql().update("""
                UPDATE referral SET state = ?, rewarded_at = ?, referrer_points = ?, referred_points = ?,
                       referrer_campaign_id = ?, referred_campaign_id = ? WHERE id = ?""",
                ReferralState.REWARDED, at, referrerPoints, referredPoints, referrerCampaignId, referredCampaignId, id);
    }

    long dueCount(Tx tx, Instant asOf) {
        return tx.sql().number("SELECT count(*) FROM referral WHERE state = ? AND due_at <= ?", ReferralState.HELD, asOf);
    }

    List<Long> due(Tx tx, long after, int limit, Instant asOf) {
        return tx.sql().list("SELECT id FROM referral WHERE state = ? AND due_at <= ? AND id > ? ORDER BY id LIMIT ?",
                rs -> rs.getLong(1), ReferralState.HELD, asOf, after, limit);
    }

    List<ReferralQueries.ReferralView> newest(Tx tx, int limit) {
        return tx.sql().list("""
                SELECT r.id, a.customer_ref, b.customer_ref, r.state, r.blocked_rule, r.reward_on, r.order_ref,
                       r.registered_at, r.rewarded_at, r.referrer_points, r.referred_points,
                       r.referrer_campaign_id, r.referred_campaign_id
                FROM referral r JOIN member a ON a.id = r.referrer_id JOIN member b ON b.id = r.referred_id
                ORDER BY r.id DESC LIMIT ?""",
                rs -> new ReferralQueries.ReferralView(rs.getLong(1), rs.getString(2), rs.getString(3),
                        ReferralState.valueOf(rs.getString(4)),
                        rs.getString(5) == null ? null : BlockRule.valueOf(rs.getString(5)),
                        RewardMoment.valueOf(rs.getString(6)), rs.getString(7), Sql.instant(rs, "registered_at"),
                        Sql.instant(rs, "rewarded_at"), rs.getLong(10), rs.getLong(11),
                        rs.getObject(12, Long.class), rs.getObject(13, Long.class)), limit);
    }

    /** How the member's referrals stand: as referrer and, when referred, as referred. */
    ReferralQueries.Tally tally(Tx tx, long memberId) {
        return tx.sql().one("""
                SELECT count(*) FILTER (WHERE referrer_id = ?),
                       count(*) FILTER (WHERE referrer_id = ? AND state = 'REWARDED'),
                       count(*) FILTER (WHERE referrer_id = ? AND state IN ('AWAITING_ORDER', 'HELD')),
                       coalesce(sum(referrer_points) FILTER (WHERE referrer_id = ?), 0)
                         + coalesce(sum(referred_points) FILTER (WHERE referred_id = ?), 0),
                       count(referrer_campaign_id) FILTER (WHERE referrer_id = ?)
                         + count(referred_campaign_id) FILTER (WHERE referred_id = ?)
                FROM referral WHERE referrer_id = ? OR referred_id = ?""",
                rs -> new ReferralQueries.Tally(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)),
                memberId, memberId, memberId, memberId, memberId, memberId, memberId, memberId, memberId).orElseThrow();
    }
}
