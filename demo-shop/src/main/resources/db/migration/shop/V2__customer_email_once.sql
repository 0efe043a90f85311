-- One customer per e-mail address whatever its case, held by the database so that two registrations racing with
-- the same address cannot both pass the shop's check (the second is refused as EMAIL_TAKEN).
CREATE UNIQUE INDEX customer_email_lower ON customer (lower(email));
