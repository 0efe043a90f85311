package dev.kizuna.survey;

import dev.kizuna.core.errors.Conflict;
import dev.kizuna.core.ports.ModulePorts;
import dev.kizuna.core.text.LocalizedText;
import dev.kizuna.survey.feedback.Choice;
import dev.kizuna.survey.feedback.InvitationTrigger;
import dev.kizuna.survey.feedback.Question;
import dev.kizuna.survey.feedback.QuestionType;
import dev.kizuna.survey.feedback.ShowIf;
import dev.kizuna.survey.feedback.SurveyAdmin;
import dev.kizuna.survey.feedback.SurveyDesign;
import dev.kizuna.survey.feedback.SurveySettings;
import dev.kizuna.survey.feedback.SurveyStatus;
import dev.kizuna.survey.profiling.AskRule;
import dev.kizuna.survey.profiling.ProfileAnswerType;
import dev.kizuna.survey.profiling.ProfileOption;
import dev.kizuna.survey.profiling.ProfileQuestion;
import dev.kizuna.survey.profiling.ProfileQuestionAdmin;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A ready-made start for a shop trying Kizuna: a live post-purchase survey (NPS, what the customer liked, and what to
 * improve for non-promoters; invited 7 days after delivery, every customer sampled, 50 points for answering) and five
 * profile questions, one of them personal data. Installing is idempotent, so a shop may call it on every start: what
 * exists already (by survey code or question key) is left as the merchant has it, paused or edited alike.
 *
 * <p>Not installed by the module itself: a shop that installs Kizuna decides what to ask its customers.
 */
public final class StarterKit {
    public static final String SURVEY_CODE = "post-purchase";
    public static final String ACTOR = "starter-kit";

    private StarterKit() {
    }

    /** What installing did: the survey (created now or found) and the profile questions created now. */
    public record Installed(long surveyId, boolean surveyCreated, List<String> questionsCreated) {
    }

    /** Installs through the running survey module's ports. */
    public static Installed install(ModulePorts ports) {
        return install(ports.require(SurveyAdmin.class), ports.require(ProfileQuestionAdmin.class));
    }

    public static Installed install(SurveyAdmin surveys, ProfileQuestionAdmin questions) {
        boolean created = false;
        Optional<SurveyAdmin.SurveySummary> existing = find(surveys);
        long id;
        if (existing.isEmpty()) {
            try {
                id = surveys.create(new SurveyAdmin.NewSurvey(SURVEY_CODE, survey(), settings()), ACTOR).id();
                created = true;
            } catch (Conflict e) {
                // another node of the shop installed it at the same moment
                id = find(surveys).orElseThrow(() -> e).id();
            }
        } else {
            id = existing.get().id();
        }
        SurveyAdmin.SurveyDetail detail = surveys.survey(id);
        // finishes an install that stopped between creating and going live; a survey the merchant published is theirs
        if (detail.publishedVersion() == null) {
            surveys.publish(id, ACTOR);
        }
        if (detail.status() == SurveyStatus.DRAFT) {
            surveys.changeStatus(id, new SurveyAdmin.StatusChange(SurveyStatus.ACTIVE, null), ACTOR);
        }

        Set<String> known = questions.questions().stream().map(ProfileQuestion::key).collect(Collectors.toSet());
        List<String> added = new ArrayList<>();
        for (ProfileQuestion q : profileQuestions()) {
            if (known.contains(q.key())) {
                continue;
            }
            try {
                questions.create(q, ACTOR);
                added.add(q.key());
            } catch (Conflict e) {
                // created concurrently by another node: nothing to do
            }
        }
        return new Installed(id, created, List.copyOf(added));
    }

    private static Optional<SurveyAdmin.SurveySummary> find(SurveyAdmin surveys) {
        return surveys.surveys().stream().filter(s -> s.code().equals(SURVEY_CODE)).findFirst();
    }

    /** The post-purchase survey's questions, in Japanese and English. */
    public static SurveyDesign survey() {
        return new SurveyDesign(LocalizedText.of("ご購入ありがとうございました", "Thank you for your order"),
                LocalizedText.of("今後のサービス向上のため、1分ほどのアンケートにご協力ください。",
                        "Please help us improve with this one-minute survey."),
                LocalizedText.of("ご回答いただきありがとうございました。いただいたご意見はサービス向上に役立てます。",
                        "Thank you for your answers. We read every one of them."),
                List.of(
                        new Question("nps", QuestionType.NPS, true,
                                LocalizedText.of("当店を友人や知人にすすめる可能性はどのくらいありますか?",
                                        "How likely are you to recommend our shop to a friend or colleague?"), null, null),
                        new Question("liked", QuestionType.MULTIPLE_CHOICE, false,
                                LocalizedText.of("今回のご注文で良かった点を教えてください(複数選択可)",
                                        "What did you like about this order? (choose any)"),
                                List.of(new Choice("quality", LocalizedText.of("商品の品質", "Product quality")),
                                        new Choice("price", LocalizedText.of("価格", "Price")),
                                        new Choice("delivery", LocalizedText.of("配送の速さ", "Delivery speed")),
                                        new Choice("packaging", LocalizedText.of("梱包", "Packaging")),
                                        new Choice("service", LocalizedText.of("お問い合わせ対応", "Customer service"))), null),
                        new Question("improve", QuestionType.FREE_TEXT, false,
                                LocalizedText.of("どのような点を改善すればよいか、ぜひお聞かせください。", "What could we do better?"), null,
                                new ShowIf("nps", List.of("0", "1", "2", "3", "4", "5", "6", "7", "8")))));
    }

    /** 7 days after delivery, any channel and rank, every customer, at most one invitation per 90 days, 50 points. */
    public static SurveySettings settings() {
        return new SurveySettings("お届け後アンケート（NPS）", 50,
                new InvitationTrigger(7, InvitationTrigger.Channel.ANY, List.of(), List.of(), 100, 90, 30));
    }

    /** Five profile questions for a tea and tableware shop; the anniversary is personal data. */
    public static List<ProfileQuestion> profileQuestions() {
        return List.of(
                new ProfileQuestion("favourite_categories", LocalizedText.of("お好きな商品カテゴリーは?",
                        "Which of our categories do you like?"), ProfileAnswerType.MULTIPLE_CHOICE,
                        List.of(new ProfileOption("tea", LocalizedText.of("お茶", "Tea")),
                                new ProfileOption("tableware", LocalizedText.of("茶器・食器", "Tableware")),
                                new ProfileOption("sweets", LocalizedText.of("和菓子", "Sweets")),
                                new ProfileOption("gifts", LocalizedText.of("ギフト", "Gifts")),
                                new ProfileOption("books", LocalizedText.of("本", "Books"))),
                        null, null, 90, false, 10L, List.of(), AskRule.SKIP_IF_KNOWN, 0, true),
                new ProfileQuestion("household_size", LocalizedText.of("ご家族は何人ですか?",
                        "How many people live in your household?"),
                        ProfileAnswerType.INTEGER, List.of(), BigDecimal.ONE, BigDecimal.valueOf(20), 70, false, 10L,
                        List.of(), AskRule.SKIP_IF_KNOWN, 0, true),
                new ProfileQuestion("how_heard", LocalizedText.of("当店を何でお知りになりましたか?", "How did you hear about us?"),
                        ProfileAnswerType.SINGLE_CHOICE,
                        List.of(new ProfileOption("search", LocalizedText.of("検索", "Web search")),
                                new ProfileOption("sns", LocalizedText.of("SNS", "Social media")),
                                new ProfileOption("friend", LocalizedText.of("知人の紹介", "A friend")),
                                new ProfileOption("ad", LocalizedText.of("広告", "An advertisement")),
                                new ProfileOption("magazine", LocalizedText.of("雑誌・新聞", "Magazine or newspaper")),
                                new ProfileOption("other", LocalizedText.of("その他", "Other"))),
                        null, null, 60, false, 10L, List.of("account", "order-complete"), AskRule.SKIP_IF_KNOWN, 0, true),
                new ProfileQuestion("contact_time", LocalizedText.of("ご連絡に都合の良い時間帯は?",
                        "When do you prefer us to contact you?"),
                        ProfileAnswerType.SINGLE_CHOICE,
                        List.of(new ProfileOption("morning", LocalizedText.of("午前", "Morning")),
                                new ProfileOption("afternoon", LocalizedText.of("午後", "Afternoon")),
                                new ProfileOption("evening", LocalizedText.of("夕方以降", "Evening")),
                                new ProfileOption("any", LocalizedText.of("いつでも", "Any time"))),
                        null, null, 40, false, 0L, List.of("account"), AskRule.SKIP_IF_KNOWN, 1, true),
                new ProfileQuestion("anniversary", LocalizedText.of("記念日(結婚記念日など)を教えてください",
                        "Is there an anniversary we may celebrate with you?"), ProfileAnswerType.DATE, List.of(), null,
                        null, 30, true, 20L, List.of("account"), AskRule.SKIP_IF_KNOWN, 2, true));
    }
}
