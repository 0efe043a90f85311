package dev.kizuna.core.ports;

/** What kind of contact with a customer a touchpoint of the timeline is; its label is {@code timeline.kind.<NAME>}. */
public enum TouchpointKind {
    REGISTERED,
    PROFILE_CHANGED,
    ORDER_PLACED,
    ORDER_DELIVERED,
    ORDER_CANCELLED,
    ORDER_RETURNED,
    POINTS,
    RANK_CHANGED,
    COUPON_ISSUED,
    COUPON_USED,
    SURVEY_INVITED,
    SURVEY_ANSWERED,
    PROFILE_ANSWERED,
    MESSAGE_SENT,
    MESSAGE_CLICKED,
    BROWSED,
    SUPPORT_NOTE
}
