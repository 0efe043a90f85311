package dev.kizuna.loyalty.coupon;

/** A campaign the merchant sets up, or the shop's one birthday campaign (personal codes only, no shared code). */
public enum CampaignKind { STANDARD, BIRTHDAY }
