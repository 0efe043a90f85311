package dev.kizuna.survey.web;

import dev.kizuna.core.persistence.Database;
import dev.kizuna.core.persistence.Tx;
import dev.kizuna.core.ports.ModulePorts;
import dev.kizuna.core.ports.RankBenefits;
import dev.kizuna.core.ports.RewardGranter;
import dev.kizuna.core.templates.Templates;
import dev.kizuna.survey.ShopperTexts;
import dev.kizuna.survey.feedback.AnswerCheck;
import dev.kizuna.survey.feedback.AnswerProblem;
import dev.kizuna.survey.feedback.AnswersRejected;
import dev.kizuna.survey.feedback.DesignPreview;
import dev.kizuna.survey.feedback.GivenAnswer;
import dev.kizuna.survey.feedback.Question;
import dev.kizuna.survey.feedback.ResponseStore;
import dev.kizuna.survey.feedback.SurveyDesign;
import dev.kizuna.survey.feedback.SurveyStatus;
import dev.kizuna.survey.feedback.SurveyStore;
import dev.kizuna.survey.feedback.SurveyStore.SurveyRow;
import dev.kizuna.survey.feedback.SurveyStore.VersionRow;
import dev.kizuna.survey.invitation.InvitationStore;
import dev.kizuna.survey.invitation.InvitationStore.Invitation;
import dev.kizuna.survey.invitation.SurveyLinks;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The page behind a mailed survey link, without the servlet: {@link #show} renders the survey of the link's
 * invitation in the member's language (or {@code ?lang=}), {@link #submit} checks the answers against the version the
 * form was rendered from, stores the response (free text encrypted), closes the invitation, grants the completion
 * points once through {@link RewardGranter} and thanks the shopper, all in one transaction. A link that is malformed
 * (400), tampered with (403), expired, already answered or whose survey closed (410) gets a page saying so.
 */
public final class SurveyPage implements DesignPreview {
    public static final String REWARD_SOURCE = "SURVEY";
    private static final String ASSETS = "/crm/assets/survey/";

    private final Database db;
    private final SurveyStore surveys;
    private final InvitationStore invitations;
    private final ResponseStore responses;
    private final SurveyLinks links;
    private final Templates templates;
    private final Clock clock;
    private final ModulePorts ports;

    public SurveyPage(Database db, SurveyStore surveys, InvitationStore invitations, ResponseStore responses,
                      SurveyLinks links, Templates templates, Clock clock, ModulePorts ports) {
        this.db = db;
        this.surveys = surveys;
        this.invitations = invitations;
        this.responses = responses;
        this.links = links;
        this.templates = templates;
        this.clock = clock;
        this.ports = ports;
    }

    /** A rendered page and its HTTP status. */
    public record Page(int status, String html) {
    }

    /** Why a link is refused, with its status. */
    public enum Refusal {
        MALFORMED(400), TAMPERED(403), EXPIRED(410), ANSWERED(410), CLOSED(410), GONE(410);

        private final int status;

        Refusal(int status) {
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    private record Open(Invitation invitation, SurveyRow survey, VersionRow version) {
    }

    /** The open invitation, or why the link is refused. */
    private record Lookup(Open open, Refusal refusal) {
        static Lookup refuse(Refusal r) {
            return new Lookup(null, r);
        }
    }

    public Page show(String token, String requestedLang, String contextPath) {
        Instant now = clock.instant();
        SurveyLinks.Verdict verdict = links.verify(token, now);
        if (!verdict.valid()) {
            return refused(Refusal.valueOf(verdict.refusal().name()), contextPath, requestedLang);
        }
        return db.inTransaction(tx -> {
            Optional<Invitation> invitation = invitations.find(tx, verdict.invitationId());
            Lookup lookup = open(tx, invitation, now, null);
            if (lookup.refusal() != null) {
                return refused(lookup.refusal(), contextPath, requestedLang);
            }
            Open o = lookup.open();
            String lang = requestedLang == null || requestedLang.isBlank()
                    ? ShopperTexts.lang(o.invitation().locale()) : ShopperTexts.lang(requestedLang);
            return new Page(200, form(o.version().design(), o.version().id(), lang, action(contextPath, token),
                    contextPath, Map.of(), Map.of(), false));
        });
    }

    /**
     * @param form the posted fields: {@code version}, {@code lang} and {@code q.<question key>} (several values for
     *             a multiple choice)
     */
    public Page submit(String token, Map<String, List<String>> form, String contextPath) {
        Instant now = clock.instant();
        SurveyLinks.Verdict verdict = links.verify(token, now);
        if (!verdict.valid()) {
            return refused(Refusal.valueOf(verdict.refusal().name()), contextPath, first(form, "lang"));
        }
        Long versionId = parseLong(first(form, "version"));
        if (versionId == null) {
            return refused(Refusal.MALFORMED, contextPath, first(form, "lang"));
        }
        return db.inTransaction(tx -> {
            // locked: a double click or a second tab waits here and then finds the invitation answered
            Optional<Invitation> invitation = invitations.lock(tx, verdict.invitationId());
            Lookup lookup = open(tx, invitation, now, versionId);
            if (lookup.refusal() != null) {
                return refused(lookup.refusal(), contextPath, first(form, "lang"));
            }
            Open o = lookup.open();
            String requested = first(form, "lang");
            String lang = requested == null ? ShopperTexts.lang(o.invitation().locale()) : ShopperTexts.lang(requested);
            SurveyDesign design = o.version().design();
            Map<String, List<String>> raw = answers(form);
            List<GivenAnswer> answers;
            try {
                answers = AnswerCheck.check(design, raw);
            } catch (AnswersRejected e) {
                return new Page(400, form(design, o.version().id(), lang, action(contextPath, token), contextPath, raw,
                        e.problems(), false));
            }
            long memberId = o.invitation().memberId();
            long points = grantReward(tx, o, memberId);
            String rank = ports.find(RankBenefits.class).map(r -> r.benefitsOf(tx, memberId).rankCode()).orElse(null);
            if (!invitations.markResponded(tx, o.invitation().id(), verdict.tokenId(), now)) {
                throw new IllegalStateException("invitation " + o.invitation().id() + " was answered concurrently");
            }
            responses.insert(tx, design, new ResponseStore.NewResponse(o.survey().id(), o.version().id(),
                    o.invitation().id(), memberId, rank, lang, points, now, answers));
            return new Page(200, thanks(design, lang, points, contextPath));
        });
    }

    /** The builder's preview: the page as a shopper sees it, with the form going nowhere. */
    @Override
    public String render(SurveyDesign design, String lang, String contextPath) {
        return form(design, 0, ShopperTexts.lang(lang), "", contextPath, Map.of(), Map.of(), true);
    }

    private long grantReward(Tx tx, Open o, long memberId) {
        long reward = o.survey().settings().rewardPoints();
        if (reward <= 0) {
            return 0;
        }
        Optional<RewardGranter> granter = ports.find(RewardGranter.class);
        // once per invitation: the granter ignores a repeat of (SURVEY, invitation id)
        boolean granted = granter.isPresent() && granter.get().grant(tx, memberId, reward, REWARD_SOURCE,
                "invitation:" + o.invitation().id(), "survey " + o.survey().code() + " answered");
        return granted ? reward : 0;
    }

    /** The open invitation with its survey and the version to show or check, or why the link is refused. */
    private Lookup open(Tx tx, Optional<Invitation> found, Instant now, Long postedVersionId) {
        if (found.isEmpty() || found.get().memberId() == null) {
            return Lookup.refuse(Refusal.GONE);
        }
        Invitation invitation = found.get();
        if (invitation.answered()) {
            return Lookup.refuse(Refusal.ANSWERED);
        }
        if (!invitation.open(now)) {
            return Lookup.refuse(Refusal.EXPIRED);
        }
        Optional<SurveyRow> survey = surveys.find(tx, invitation.surveyId());
        if (survey.isEmpty()) {
            return Lookup.refuse(Refusal.GONE);
        }
        if (survey.get().status() == SurveyStatus.CLOSED) {
            return Lookup.refuse(Refusal.CLOSED);
        }
        Optional<VersionRow> version = postedVersionId == null ? surveys.latestVersion(tx, invitation.surveyId())
                : surveys.version(tx, postedVersionId).filter(v -> v.surveyId() == invitation.surveyId());
        if (version.isEmpty()) {
            return Lookup.refuse(postedVersionId == null ? Refusal.GONE : Refusal.MALFORMED);
        }
        return new Lookup(new Open(invitation, survey.get(), version.get()), null);
    }

    private static Map<String, List<String>> answers(Map<String, List<String>> form) {
        Map<String, List<String>> raw = new HashMap<>();
        form.forEach((name, values) -> {
            if (name.startsWith("q.") && values != null) {
                raw.put(name.substring(2), values);
            }
        });
        return raw;
    }

    // ---- rendering -----------------------------------------------------------------------------------------------

    private String form(SurveyDesign design, long versionId, String lang, String action, String contextPath,
                        Map<String, List<String>> given, Map<String, AnswerProblem> problems, boolean preview) {
        Map<String, Object> model = base(lang, contextPath, design.title().text(lang));
        model.put("intro", design.intro() == null ? "" : design.intro().text(lang));
        model.put("action", action);
        model.put("version", versionId);
        model.put("preview", preview);
        model.put("errorCount", problems.size());
        model.put("otherLang", lang.equals("en") ? "ja" : "en");
        model.put("otherLangUrl", preview ? "" : action + "?lang=" + (lang.equals("en") ? "ja" : "en"));
        List<Map<String, Object>> questions = new ArrayList<>();
        for (Question q : design.questions()) {
            questions.add(question(design, q, lang, given.getOrDefault(q.key(), List.of()), problems.get(q.key())));
        }
        model.put("questions", questions);
        return templates.render("survey/page.ftlh", locale(lang), model);
    }

    private static Map<String, Object> question(SurveyDesign design, Question q, String lang, List<String> given,
                                                AnswerProblem problem) {
        Map<String, Object> m = new HashMap<>();
        m.put("key", q.key());
        m.put("field", "q." + q.key());
        m.put("type", q.type().name());
        m.put("required", q.required());
        m.put("text", q.text().text(lang));
        m.put("error", problem == null ? "" : ShopperTexts.text(lang, "error." + problem.name()));
        List<Map<String, Object>> options = new ArrayList<>();
        if (q.type().scored()) {
            for (int s : q.scale()) {
                options.add(Map.of("value", Integer.toString(s), "label", Integer.toString(s),
                        "checked", given.contains(Integer.toString(s))));
            }
            String kind = q.type().name().toLowerCase(Locale.ROOT);
            m.put("low", ShopperTexts.text(lang, "page." + kind + ".low"));
            m.put("high", ShopperTexts.text(lang, "page." + kind + ".high"));
        } else {
            q.choices().forEach(c -> options.add(Map.of("value", c.key(), "label", c.label().text(lang),
                    "checked", given.contains(c.key()))));
            m.put("low", "");
            m.put("high", "");
        }
        m.put("options", options);
        m.put("textValue", given.isEmpty() ? "" : given.get(0));
        m.put("maxLength", AnswerCheck.MAX_TEXT);
        if (q.showIf() != null) {
            Question on = design.question(q.showIf().question()).orElseThrow();
            m.put("showIfQuestion", on.key());
            m.put("showIfValues", String.join(" ", q.showIf().anyOf()));
            m.put("condition", ShopperTexts.text(lang, "page.condition", on.text().text(lang), conditionValues(on, q.showIf().anyOf(), lang)));
        } else {
            m.put("showIfQuestion", "");
            m.put("showIfValues", "");
            m.put("condition", "");
        }
        return m;
    }

    /** "0–6" for a run of scores, choice labels for choices. */
    static String conditionValues(Question on, List<String> values, String lang) {
        String separator = lang.equals("en") ? ", " : "、";
        if (!on.type().scored()) {
            return String.join(separator, values.stream().map(v -> on.choice(v).map(c -> c.label().text(lang)).orElse(v)).toList());
        }
        List<Integer> scores = values.stream().map(Integer::parseInt).sorted().distinct().toList();
        List<String> parts = new ArrayList<>();
        int i = 0;
        while (i < scores.size()) {
            int j = i;
            while (j + 1 < scores.size() && scores.get(j + 1) == scores.get(j) + 1) {
                j++;
            }
            parts.add(j - i >= 2 ? scores.get(i) + "–" + scores.get(j)
                    : j > i ? scores.get(i) + separator + scores.get(j) : Integer.toString(scores.get(i)));
            i = j + 1;
        }
        return String.join(separator, parts);
    }

    private String thanks(SurveyDesign design, String lang, long points, String contextPath) {
        Map<String, Object> model = base(lang, contextPath, design.title().text(lang));
        String custom = design.thanks() == null ? null : design.thanks().text(lang);
        model.put("message", custom == null || custom.isBlank() ? ShopperTexts.text(lang, "thanks.body") : custom);
        model.put("points", points > 0 ? ShopperTexts.text(lang, "thanks.points", ShopperTexts.number(points, lang)) : "");
        return templates.render("survey/thanks.ftlh", locale(lang), model);
    }

    /**
     * Why a link is refused: in the language the page was asked in ({@code ?lang=}, the form's language), else in
     * both, since the link may not say whose it is.
     */
    private Page refused(Refusal refusal, String contextPath, String requestedLang) {
        boolean asked = "ja".equals(requestedLang) || "en".equals(requestedLang);
        String lang = asked ? requestedLang : "ja";
        Map<String, Object> model = base(lang, contextPath, ShopperTexts.text(lang, "refused." + refusal.name() + ".title"));
        model.put("reason", refusal.name());
        model.put("bothLanguages", !asked);
        model.put("en", ShopperTexts.all("en"));
        return new Page(refusal.status(), templates.render("survey/refused.ftlh", locale(lang), model));
    }

    private static Map<String, Object> base(String lang, String contextPath, String title) {
        Map<String, Object> model = new LinkedHashMap<>();
        String root = contextPath == null ? "" : contextPath;
        model.put("lang", lang);
        model.put("t", ShopperTexts.all(lang));
        model.put("title", title);
        model.put("css", root + ASSETS + "survey.css");
        model.put("js", root + ASSETS + "survey.js");
        return model;
    }

    private static String action(String contextPath, String token) {
        return (contextPath == null ? "" : contextPath) + SurveyLinks.PATH + token;
    }

    private static Locale locale(String lang) {
        return lang.equals("en") ? Locale.ENGLISH : Locale.JAPANESE;
    }

    private static String first(Map<String, List<String>> form, String name) {
        List<String> values = form.get(name);
        return values == null || values.isEmpty() || values.get(0) == null || values.get(0).isBlank()
                ? null : values.get(0).strip();
    }

    private static Long parseLong(String s) {
        try {
            return s == null ? null : Long.parseLong(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
