-- A campaign is never deleted: a merchant ends it, and its codes, redemptions and budgets stay as its history. A
-- personal code names its campaign without a foreign key for that reason: checking the key looked the campaign up
-- and locked its row once for every code written, and a broadcast writes a million codes of one campaign. This
-- trigger keeps the promise coupon_code relies on.
CREATE FUNCTION coupon_campaign_never_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'coupon campaign % is never deleted: end it instead', OLD.id
        USING ERRCODE = 'restrict_violation';
END
$$;

CREATE TRIGGER coupon_campaign_never_deleted BEFORE DELETE ON coupon_campaign
    FOR EACH ROW EXECUTE FUNCTION coupon_campaign_never_deleted();

ALTER TABLE coupon_code DROP CONSTRAINT coupon_code_campaign_id_fkey;
