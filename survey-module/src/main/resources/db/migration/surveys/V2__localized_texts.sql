-- The survey designs (survey.draft, survey_version.design) and the profile questions' options keep each ja/en text
-- as one object of language to text, as dev.kizuna.core.text.LocalizedText reads it: "titleJa"/"titleEn" become
-- "title": {"ja": …, "en": …}, and so do intro, thanks, a question's text and a choice's or an option's label. A
-- blank language is left out; a text with no language left is null (an intro or thanks the merchant did not write).
-- Only the shape changes: a published version reads word for word as it did.

CREATE FUNCTION localized_text_v2(ja jsonb, en jsonb) RETURNS jsonb LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN t = '{}'::jsonb THEN 'null'::jsonb ELSE t END
    FROM (SELECT jsonb_strip_nulls(jsonb_build_object(
            'ja', CASE WHEN jsonb_typeof(ja) = 'string' AND btrim(ja #>> '{}') <> '' THEN ja END,
            'en', CASE WHEN jsonb_typeof(en) = 'string' AND btrim(en #>> '{}') <> '' THEN en END)) AS t) AS s
$$;

-- a choice or an option: {"key", "labelJa", "labelEn"} → {"key", "label"}
CREATE FUNCTION localized_labels_v2(items jsonb) RETURNS jsonb LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN jsonb_typeof(items) <> 'array' THEN items ELSE (
        SELECT coalesce(jsonb_agg((c - 'labelJa' - 'labelEn')
                                  || jsonb_build_object('label', localized_text_v2(c -> 'labelJa', c -> 'labelEn'))
                                  ORDER BY n), '[]'::jsonb)
        FROM jsonb_array_elements(items) WITH ORDINALITY AS e(c, n)) END
$$;

CREATE FUNCTION localized_design_v2(d jsonb) RETURNS jsonb LANGUAGE sql IMMUTABLE AS $$
    SELECT (d - 'titleJa' - 'titleEn' - 'introJa' - 'introEn' - 'thanksJa' - 'thanksEn' - 'questions')
        || jsonb_build_object(
            'title', localized_text_v2(d -> 'titleJa', d -> 'titleEn'),
            'intro', localized_text_v2(d -> 'introJa', d -> 'introEn'),
            'thanks', localized_text_v2(d -> 'thanksJa', d -> 'thanksEn'),
            'questions', CASE WHEN jsonb_typeof(d -> 'questions') <> 'array' THEN coalesce(d -> 'questions', '[]'::jsonb)
                ELSE (SELECT coalesce(jsonb_agg((q - 'textJa' - 'textEn' - 'choices')
                                                || jsonb_build_object(
                                                    'text', localized_text_v2(q -> 'textJa', q -> 'textEn'),
                                                    'choices', coalesce(localized_labels_v2(q -> 'choices'), '[]'::jsonb))
                                                ORDER BY n), '[]'::jsonb)
                      FROM jsonb_array_elements(d -> 'questions') WITH ORDINALITY AS e(q, n)) END)
$$;

UPDATE survey SET draft = localized_design_v2(draft) WHERE draft -> 'title' IS NULL;
UPDATE survey_version SET design = localized_design_v2(design) WHERE design -> 'title' IS NULL;
UPDATE profile_question SET options = localized_labels_v2(options) WHERE jsonb_typeof(options) = 'array'
    AND jsonb_array_length(options) > 0;

DROP FUNCTION localized_design_v2(jsonb);
DROP FUNCTION localized_labels_v2(jsonb);
DROP FUNCTION localized_text_v2(jsonb, jsonb);
