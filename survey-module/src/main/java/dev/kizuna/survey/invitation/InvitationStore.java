package dev.kizuna.survey.invitation;

import dev.kizuna.core.mirror.OrderStatus;
import dev.kizuna.core.persistence.Sql;
import dev.kizuna.core.persistence.Tx;
import dev.kizuna.survey.feedback.InvitationTrigger;
import dev.kizuna.survey.feedback.SurveyStatus;
import dev.kizuna.survey.feedback.SurveyStore.SurveyRow;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The invitation job's SQL, set-based over a batch of orders: which delivered orders are due for some active survey,
 * what is known about their customers (cooldown, sample bucket), and one statement recording a batch's decisions.
 */
public final class InvitationStore {

    /** Orders any active survey still has to decide on: delivered long enough ago, of its channel, not yet decided. */
    private static final String DUE = """
            FROM order_summary o
            JOIN member m ON m.id = o.member_id AND m.erased_at IS NULL
            WHERE o.delivered_at IS NOT NULL AND o.status IN (%1$s)
              AND EXISTS (SELECT 1 FROM survey s
                          WHERE s.status = %2$s AND s.invites_from IS NOT NULL
                            AND o.delivered_at >= s.invites_from
                            AND o.delivered_at <= ?::timestamptz - make_interval(days => s.days_after_delivery)
                            AND (s.channel = %3$s OR s.channel = o.channel)
                            AND EXISTS (SELECT 1 FROM survey_version v WHERE v.survey_id = s.id)
                            AND NOT EXISTS (SELECT 1 FROM survey_invitation i WHERE i.survey_id = s.id AND i.order_id = o.id))"""
            .formatted(Sql.literals(OrderStatus.DELIVERED, OrderStatus.PARTIALLY_RETURNED), Sql.literals(SurveyStatus.ACTIVE),
                    Sql.literals(InvitationTrigger.Channel.ANY));

    long countDue(Tx tx, Instant asOf) {
        return tx.sql().number("SELECT count(*) " + DUE, asOf);
    }

    List<Long> dueOrders(Tx tx, long afterOrderId, int limit, Instant asOf) {
        return tx.sql().list("SELECT o.id " + DUE + " AND o.id > ? ORDER BY o.id LIMIT ?", rs -> rs.getLong(1),
                asOf, afterOrderId, limit);
    }

    /**
     * A due order of one survey with what the decision needs about its customer: {@code nth} numbers the customer's
     * due orders in this batch, newest delivery first; {@code coolingDown} whether the customer was sent any survey
     * invitation within the survey's cooldown; {@code bucket} the customer's sample bucket (see {@link Sampling}).
     */
    record DueOrder(long orderId, String orderRef, long memberId, String customerRef, String locale, int nth,
                    boolean coolingDown, int bucket) {
    }

    List<DueOrder> dueFor(Tx tx, SurveyRow survey, List<Long> orderIds, Instant asOf) {
        InvitationTrigger t = survey.settings().trigger();
        return tx.sql().list("""
                WITH due AS (
                    SELECT o.id AS order_id, o.order_ref, o.member_id, o.delivered_at, m.customer_ref, m.locale
                    FROM order_summary o JOIN member m ON m.id = o.member_id AND m.erased_at IS NULL
                    WHERE o.id = ANY(?::bigint[]) AND o.delivered_at IS NOT NULL
                      AND o.status IN (?, ?)
                      AND o.delivered_at >= ?
                      AND o.delivered_at <= ?::timestamptz - make_interval(days => ?)
                      AND (?::text = %1$s OR o.channel = ?::text)
                      AND NOT EXISTS (SELECT 1 FROM survey_invitation i WHERE i.survey_id = ? AND i.order_id = o.id))
                SELECT d.order_id, d.order_ref, d.member_id, d.customer_ref, d.locale,
                       row_number() OVER (PARTITION BY d.member_id ORDER BY d.delivered_at DESC, d.order_id DESC) AS nth,
                       EXISTS (SELECT 1 FROM survey_invitation i
                               WHERE i.member_id = d.member_id AND i.status <> ?
                                 AND i.decided_at > ?::timestamptz - make_interval(days => ?)) AS cooling,
                       %2$s AS bucket
                FROM due d ORDER BY d.member_id, nth""".formatted(Sql.literals(InvitationTrigger.Channel.ANY),
                        Sampling.SQL_BUCKET.formatted("?::bigint", "d.member_id")),
                rs -> new DueOrder(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getString(5),
                        rs.getInt(6), rs.getBoolean(7), rs.getInt(8)),
                tx.sql().longArray(orderIds.toArray(Long[]::new)), OrderStatus.DELIVERED, OrderStatus.PARTIALLY_RETURNED,
                survey.invitesFrom(), asOf, t.daysAfterDelivery(), t.channel(), t.channel(), survey.id(),
                InvitationStatus.SKIPPED, asOf, t.cooldownDays(), survey.id());
    }

    /** One order's decision. */
    record Decision(long orderId, long memberId, InvitationOutcome outcome) {
    }

    /** A recorded invitation (SENT) or skip. */
    record Recorded(long invitationId, long orderId, long memberId, boolean sent, Instant expiresAt) {
    }

    /**
     * Records a batch of decisions in one statement. An order decided meanwhile (two runs cannot overlap, but the
     * constraint is the guarantee) is left as it was and not returned.
     */
    List<Recorded> record(Tx tx, long surveyId, List<Decision> decisions, Instant asOf, Instant expiresAt) {
        if (decisions.isEmpty()) {
            return List.of();
        }
        Long[] orders = decisions.stream().map(Decision::orderId).toArray(Long[]::new);
        Long[] members = decisions.stream().map(Decision::memberId).toArray(Long[]::new);
        String[] outcomes = decisions.stream().map(d -> d.outcome().name()).toArray(String[]::new);
        return tx.sql().list("""
                INSERT INTO survey_invitation (survey_id, order_id, member_id, status, skip_reason, decided_at, expires_at)
                SELECT ?, t.o, t.m, CASE WHEN t.r = %1$s THEN %2$s ELSE %3$s END, nullif(t.r, %1$s), ?,
                       CASE WHEN t.r = %1$s THEN ?::timestamptz END
                FROM unnest(?::bigint[], ?::bigint[], ?::text[]) AS t(o, m, r)
                ON CONFLICT (survey_id, order_id) DO NOTHING
                RETURNING id, order_id, member_id, status, expires_at""".formatted(Sql.literals(InvitationOutcome.SEND),
                        Sql.literals(InvitationStatus.SENT), Sql.literals(InvitationStatus.SKIPPED)),
                rs -> new Recorded(rs.getLong(1), rs.getLong(2), rs.getLong(3),
                        InvitationStatus.valueOf(rs.getString(4)) == InvitationStatus.SENT,
                        Sql.instant(rs, "expires_at")),
                surveyId, asOf, expiresAt, tx.sql().longArray(orders), tx.sql().longArray(members),
                tx.sql().textArray(outcomes));
    }

    /** An invitation as the survey page sees it; {@code memberId} is null once the customer was erased. */
    public record Invitation(long id, long surveyId, Long memberId, InvitationStatus status, Instant expiresAt, String locale,
                             String customerRef) {
        public boolean answered() {
            return status == InvitationStatus.RESPONDED;
        }

        public boolean open(Instant now) {
            return status == InvitationStatus.SENT && memberId != null && expiresAt != null && now.isBefore(expiresAt);
        }
    }

    public Optional<Invitation> find(Tx tx, long id) {
        return tx.sql().one(INVITATION + " WHERE i.id = ?", InvitationStore::invitation, id);
    }

    /** The invitation, locked until the transaction ends: two submissions of one link are answered one after the other. */
    public Optional<Invitation> lock(Tx tx, long id) {
        return tx.sql().one(INVITATION + " WHERE i.id = ? FOR UPDATE OF i", InvitationStore::invitation, id);
    }

    /** Marks the invitation answered by the token {@code tokenId}; false when it was not open any more. */
    public boolean markResponded(Tx tx, long id, String tokenId, Instant at) {
        return tx.sql().update("""
                UPDATE survey_invitation SET status = ?, responded_at = ?, used_token_id = ?
                WHERE id = ? AND status = ?""", InvitationStatus.RESPONDED, at, tokenId, id, InvitationStatus.SENT) == 1;
    }

    /** A member's invitations still open (not answered, not expired, survey not closed), newest first. */
    public List<Invitation> open(Tx tx, long memberId, Instant now) {
        return tx.sql().list(INVITATION + """
                 JOIN survey s ON s.id = i.survey_id
                WHERE i.member_id = ? AND i.status = ? AND i.expires_at > ? AND s.status IN (?, ?)
                ORDER BY i.decided_at DESC, i.id DESC""", InvitationStore::invitation, memberId, InvitationStatus.SENT, now,
                SurveyStatus.ACTIVE, SurveyStatus.PAUSED);
    }

    private static final String INVITATION = """
            SELECT i.id, i.survey_id, i.member_id, i.status, i.expires_at, m.locale, m.customer_ref
            FROM survey_invitation i LEFT JOIN member m ON m.id = i.member_id""";

    private static Invitation invitation(ResultSet rs) throws SQLException {
        long member = rs.getLong(3);
        Long memberId = rs.wasNull() ? null : member;
        return new Invitation(rs.getLong(1), rs.getLong(2), memberId, InvitationStatus.valueOf(rs.getString(4)),
                Sql.instant(rs, "expires_at"),
                rs.getString(6), rs.getString(7));
    }
}
