package dev.kizuna.messaging.journey;

import dev.kizuna.core.text.LocalizedText;
import dev.kizuna.messaging.audience.Audience;
import dev.kizuna.messaging.consent.Channel;
import dev.kizuna.messaging.consent.Purpose;

import java.time.Duration;
import java.util.List;

/**
 * The journeys a shop starts with, written once at start and edited like any other: cart reminder (1 h and 24 h,
 * ends on an order), points-expiring reminder (30 and 7 days before; transactional, as a notice about the customer's
 * own points), rank up congratulation, rank keep, welcome series, win-back. They start switched off: a shop turns on
 * what it wants to send (a journey switched on enters customers from then on).
 */
public final class ShippedJourneys {
    public static final String CART_REMINDER = "cart-reminder";
    public static final String POINTS_EXPIRING = "points-expiring";
    public static final String RANK_UP = "rank-up";
    public static final String RANK_KEEP = "rank-keep";
    public static final String WELCOME = "welcome";
    public static final String WIN_BACK = "win-back";

    private ShippedJourneys() {
    }

    private static JourneyStep step(Duration wait, String subjectJa, String subjectEn, String bodyJa, String bodyEn,
                                    Audience condition) {
        return new JourneyStep(wait, LocalizedText.of(subjectJa, subjectEn), LocalizedText.of(bodyJa, bodyEn), condition);
    }

    private static final String GREETING_JA = "<p><#if name?has_content>${name} 様<#else>お客様</#if></p>";
    private static final String GREETING_EN = "<p>Dear <#if name?has_content>${name}<#else>customer</#if>,</p>";

    public static List<Journey> all() {
        return List.of(
                new Journey(0, CART_REMINDER, LocalizedText.of("カートのリマインダー", "Cart reminder"),
                        JourneyTrigger.CART_ABANDONED, null, Channel.MAIL, Purpose.MARKETING, List.of(
                        step(Duration.ofHours(1), "カートに商品が残っています", "You left something in your cart",
                                GREETING_JA + "<p>お買い物カートに商品が残っています。お手続きはいつでも再開いただけます。</p>",
                                GREETING_EN + "<p>Your cart is still waiting for you. Pick up where you left off any time.</p>", null),
                        step(Duration.ofHours(23), "カートの商品はまだご用意しています", "Your cart is still saved",
                                GREETING_JA + "<p>カートの商品をお取り置きしています。在庫がなくなる前にぜひご検討ください。</p>",
                                GREETING_EN + "<p>We have kept your cart. Have another look before the items sell out.</p>", null)),
                        true, 10, 7, false),
                new Journey(0, POINTS_EXPIRING, LocalizedText.of("ポイント失効のお知らせ", "Points expiring"),
                        JourneyTrigger.POINTS_EXPIRING, 30.0, Channel.MAIL, Purpose.TRANSACTIONAL, List.of(
                        step(Duration.ZERO, "【ポイント失効のお知らせ】${expiringPoints}ポイントが${expiringOn}に失効します",
                                "${expiringPoints} points expire on ${expiringOn}",
                                GREETING_JA + "<p>${expiringPoints}ポイントが${expiringOn}に失効します。次回のお買い物でぜひご利用ください。</p><p>現在のポイント: ${points}</p>",
                                GREETING_EN + "<p>${expiringPoints} of your points expire on ${expiringOn}. Use them on your next order.</p><p>Your points: ${points}</p>", null),
                        step(Duration.ofDays(23), "【まもなく失効】${expiringPoints}ポイントが${expiringOn}に失効します",
                                "Soon: ${expiringPoints} points expire on ${expiringOn}",
                                GREETING_JA + "<p>あと7日で${expiringPoints}ポイントが失効します(${expiringOn})。</p>",
                                GREETING_EN + "<p>In 7 days ${expiringPoints} points expire (${expiringOn}).</p>",
                                new Audience.PointsExpiringWithin(7))),
                        false, 0, 14, false),
                new Journey(0, RANK_UP, LocalizedText.of("ランクアップのお祝い", "Rank up"),
                        JourneyTrigger.RANK_UP, null, Channel.MAIL, Purpose.MARKETING, List.of(
                        step(Duration.ZERO, "${rank}ランクになりました", "You are now ${rank}",
                                GREETING_JA + "<p>いつもありがとうございます。${rank}ランクに昇格しました。</p>",
                                GREETING_EN + "<p>Thank you for shopping with us: you have reached ${rank}.</p>", null)),
                        false, 10, 14, false),
                new Journey(0, RANK_KEEP, LocalizedText.of("ランク維持のご案内", "Keep your rank"),
                        JourneyTrigger.RANK_AT_RISK, null, Channel.MAIL, Purpose.MARKETING, List.of(
                        step(Duration.ZERO, "あと${pointsToKeepRank}ポイントで来期も${rank}", "${pointsToKeepRank} points to keep ${rank}",
                                GREETING_JA + "<p>あと${pointsToKeepRank}ポイントで来期も${rank}ランクを維持できます。</p>",
                                GREETING_EN + "<p>Earn ${pointsToKeepRank} more points to stay ${rank} next period.</p>", null)),
                        false, 10, 30, false),
                new Journey(0, WELCOME, LocalizedText.of("ウェルカムシリーズ", "Welcome series"),
                        JourneyTrigger.REGISTERED, null, Channel.MAIL, Purpose.MARKETING, List.of(
                        step(Duration.ZERO, "ご登録ありがとうございます", "Welcome",
                                GREETING_JA + "<p>会員登録ありがとうございます。お買い物でポイントが貯まります。</p>",
                                GREETING_EN + "<p>Thank you for joining. Every order earns you points.</p>", null),
                        step(Duration.ofDays(3), "はじめてのお買い物に", "For your first order",
                                GREETING_JA + "<p>人気の商品をご紹介します。</p>",
                                GREETING_EN + "<p>Here are our customers' favourites.</p>", null)),
                        true, 10, 14, false),
                new Journey(0, WIN_BACK, LocalizedText.of("休眠顧客の掘り起こし", "Win-back"),
                        JourneyTrigger.WIN_BACK, 0.3, Channel.MAIL, Purpose.MARKETING, List.of(
                        step(Duration.ZERO, "お久しぶりです", "We miss you",
                                GREETING_JA + "<p>最近のおすすめをご紹介します。またのお越しをお待ちしています。</p>",
                                GREETING_EN + "<p>Here is what is new since your last visit.</p>", null)),
                        true, 10, 30, false));
    }
}
