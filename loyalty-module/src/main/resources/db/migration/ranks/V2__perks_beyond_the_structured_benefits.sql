-- The default ranks listed their multiplier, free shipping and birthday points twice: once from the structured
-- benefit columns and once more as perk texts. Perks are the benefits those columns cannot say; the restating texts
-- go, on ranks whose perks are still the defaults (a merchant's own wording stays).
UPDATE rank_definition SET perks_ja = '[]', perks_en = '[]'
 WHERE code = 'SILVER'
   AND perks_ja = '["ポイント1.2倍", "8,000円以上のご注文で送料無料", "お誕生日に100ポイント"]'::jsonb
   AND perks_en = '["1.2× points", "Free shipping on orders from ¥8,000", "100 points on your birthday"]'::jsonb;
UPDATE rank_definition SET perks_ja = '["ゴールド以上限定クーポン"]', perks_en = '["Coupons for Gold and above"]'
 WHERE code = 'GOLD'
   AND perks_ja = '["ポイント1.5倍", "5,000円以上のご注文で送料無料", "お誕生日に300ポイント", "ゴールド以上限定クーポン"]'::jsonb
   AND perks_en = '["1.5× points", "Free shipping on orders from ¥5,000", "300 points on your birthday", "Coupons for Gold and above"]'::jsonb;
UPDATE rank_definition SET perks_ja = '["プラチナ以上限定クーポン", "セールの先行案内"]',
                           perks_en = '["Coupons for Platinum and above", "Early access to sales"]'
 WHERE code = 'PLATINUM'
   AND perks_ja = '["ポイント2倍", "3,000円以上のご注文で送料無料", "お誕生日に500ポイント", "プラチナ以上限定クーポン", "セールの先行案内"]'::jsonb
   AND perks_en = '["2× points", "Free shipping on orders from ¥3,000", "500 points on your birthday", "Coupons for Platinum and above", "Early access to sales"]'::jsonb;
UPDATE rank_definition SET perks_ja = '["ダイヤモンド限定クーポン", "セールの先行案内", "専用サポート窓口"]',
                           perks_en = '["Diamond-only coupons", "Early access to sales", "A dedicated support line"]'
 WHERE code = 'DIAMOND'
   AND perks_ja = '["ポイント3倍", "いつでも送料無料", "お誕生日に1,000ポイント", "ダイヤモンド限定クーポン", "セールの先行案内", "専用サポート窓口"]'::jsonb
   AND perks_en = '["3× points", "Free shipping on every order", "1,000 points on your birthday", "Diamond-only coupons", "Early access to sales", "A dedicated support line"]'::jsonb;
