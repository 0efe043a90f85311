package dev.kizuna.survey.profiling;

/** One option of a choice question; {@code key} is what the profile stores and segments match on. */
public record ProfileOption(String key, String labelJa, String labelEn) {

    public String label(String lang) {
        return "en".equals(lang) ? labelEn : labelJa;
    }
}
