-- Domain events (points earned, rank changed, coupon issued ...) written by a feature in the transaction of the
-- change itself, so an event exists exactly when its change does; a consumer (the webhooks module) takes them from
-- here in id order. They name the member by id only: personal data is read, if at all, when an event is sent.
CREATE TABLE domain_event (
    id          bigserial PRIMARY KEY,
    type        text        NOT NULL CHECK (type IN ('customer.registered', 'points.earned', 'points.confirmed',
                    'points.redeemed', 'points.reversed', 'points.expiring', 'points.expired', 'rank.changed',
                    'coupon.issued', 'coupon.redeemed', 'survey.answered', 'profile.answered', 'segment.entered',
                    'segment.left')),
    member_id   bigint      NOT NULL,
    occurred_at timestamptz NOT NULL,
    data        jsonb       NOT NULL DEFAULT '{}'::jsonb
);
