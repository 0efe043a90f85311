package dev.kizuna.survey.invitation;

import dev.kizuna.core.mail.MailOutbox;
import dev.kizuna.core.persistence.Tx;
import dev.kizuna.core.ports.ModulePorts;
import dev.kizuna.core.scheduling.KeysetBatchJob;
import dev.kizuna.core.spi.HostPorts;
import dev.kizuna.survey.ShopperTexts;
import dev.kizuna.survey.feedback.SurveyDesign;
import dev.kizuna.survey.feedback.SurveyStore;
import dev.kizuna.survey.feedback.SurveyStore.SurveyRow;
import dev.kizuna.survey.invitation.InvitationStore.Decision;
import dev.kizuna.survey.invitation.InvitationStore.DueOrder;
import dev.kizuna.survey.invitation.InvitationStore.Recorded;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code survey-invitations}: for every active survey, decides each delivered order that has come due (delivered at
 * least N days before the run's as-of time, of the survey's channel, delivered after the survey went live) once:
 * SENT with a mail through the outbox, or SKIPPED with the reason. At most one invitation per customer and cooldown:
 * a customer sent any survey invitation within the cooldown is skipped, and of several due orders of one customer in a
 * run only the newest is invited. Walks due orders in keyset batches by order id; each batch's decisions and mails
 * commit together, so a crash loses nothing and a rerun sends nothing twice.
 */
public final class SurveyInvitationJob extends KeysetBatchJob {
    public static final String NAME = "survey-invitations";
    public static final String MAIL_TEMPLATE = "survey-invitation";

    private final InvitationStore invitations;
    private final SurveyStore surveys;
    private final SurveyLinks links;
    private final MailOutbox mail;
    private final HostPorts host;
    private final Audience audience;
    private final ZoneId zone;
    private final int batchSize;

    public SurveyInvitationJob(InvitationStore invitations, SurveyStore surveys, SurveyLinks links, MailOutbox mail,
                               HostPorts host, ModulePorts ports, ZoneId zone, int batchSize) {
        this.invitations = invitations;
        this.surveys = surveys;
        this.links = links;
        this.mail = mail;
        this.host = host;
        this.audience = new Audience(ports);
        this.zone = zone;
        this.batchSize = batchSize;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Sends post-purchase survey invitations for orders delivered N days ago (sampling, audience, cooldown)";
    }

    @Override
    public String defaultSchedule() {
        // mid-morning in the shop's zone: invitations arrive at a polite hour
        return "0 0 10 * * ?";
    }

    @Override
    protected int batchSize() {
        return batchSize;
    }

    @Override
    protected long total(Tx tx, Instant asOf) {
        return invitations.countDue(tx, asOf);
    }

    @Override
    protected List<Long> nextKeys(Tx tx, long after, int limit, Instant asOf) {
        return invitations.dueOrders(tx, after, limit, asOf);
    }

    @Override
    protected long process(Tx tx, List<Long> orderIds, Instant asOf) {
        long sent = 0;
        // surveys one after the other in the batch's transaction: the cooldown check of the second sees the first's
        for (SurveyRow survey : surveys.active(tx)) {
            Optional<SurveyStore.VersionRow> version = surveys.latestVersion(tx, survey.id());
            if (version.isEmpty() || survey.invitesFrom() == null) {
                continue;
            }
            sent += invite(tx, survey, version.get().design(), orderIds, asOf);
        }
        return sent;
    }

    private long invite(Tx tx, SurveyRow survey, SurveyDesign design, List<Long> orderIds, Instant asOf) {
        List<DueOrder> due = invitations.dueFor(tx, survey, orderIds, asOf);
        if (due.isEmpty()) {
            return 0;
        }
        List<Decision> decisions = new ArrayList<>();
        Map<Long, InvitationOutcome> byMember = new HashMap<>();
        Map<Long, DueOrder> invitedOrder = new LinkedHashMap<>();
        Map<Long, Optional<HostPorts.Contact>> contacts = new HashMap<>();
        int sampling = survey.settings().trigger().samplingPercent();
        for (DueOrder d : due) {
            InvitationOutcome outcome;
            if (d.nth() == 1) {
                outcome = InvitationOutcome.decide(d.coolingDown(), d.bucket() < sampling,
                        () -> audience.includes(tx, d.memberId(), survey.settings().trigger()),
                        () -> contacts.computeIfAbsent(d.memberId(), m -> host.contact(d.customerRef())
                                .filter(c -> c.email() != null && !c.email().isBlank())).isPresent());
                byMember.put(d.memberId(), outcome);
                if (outcome == InvitationOutcome.SEND) {
                    invitedOrder.put(d.orderId(), d);
                }
            } else {
                outcome = byMember.get(d.memberId()).forOtherOrders();
            }
            decisions.add(new Decision(d.orderId(), d.memberId(), outcome));
        }
        Instant expiresAt = asOf.plus(Duration.ofDays(survey.settings().trigger().linkValidDays()));
        long sent = 0;
        for (Recorded r : invitations.record(tx, survey.id(), decisions, asOf, expiresAt)) {
            if (!r.sent()) {
                continue;
            }
            DueOrder d = invitedOrder.get(r.orderId());
            HostPorts.Contact contact = contacts.get(d.memberId()).orElseThrow();
            String lang = ShopperTexts.lang(d.locale());
            Map<String, Object> model = new HashMap<>();
            model.put("name", contact.name() == null ? "" : contact.name());
            model.put("title", design.title().text(lang));
            model.put("intro", design.intro() == null ? "" : design.intro().text(lang));
            model.put("link", links.link(r.invitationId(), r.expiresAt()));
            model.put("orderRef", d.orderRef());
            // the last day on which the link still works
            model.put("expiresOn", ShopperTexts.date(LocalDate.ofInstant(r.expiresAt().minusSeconds(1), zone), lang));
            model.put("rewardPoints", survey.settings().rewardPoints());
            model.put("rewardText", ShopperTexts.number(survey.settings().rewardPoints(), lang));
            mail.enqueue(tx, d.memberId(), contact.email(), lang, MAIL_TEMPLATE, model,
                    "survey-invitation:" + r.invitationId());
            sent++;
        }
        return sent;
    }

    @Override
    protected String outcome(long visited, long changed) {
        return "orders due " + visited + ", invitations sent " + changed;
    }
}
