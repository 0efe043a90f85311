package dev.kizuna.survey.feedback;

/** One answer a choice question offers; {@code key} is what is stored, the labels what the shopper reads. */
public record Choice(String key, String labelJa, String labelEn) {

    public String label(String lang) {
        return "en".equals(lang) ? labelEn : labelJa;
    }
}
