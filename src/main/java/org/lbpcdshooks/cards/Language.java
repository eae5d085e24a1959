package org.lbpcdshooks.cards;

import java.util.Locale;
import java.util.Optional;

/** The languages every card text exists in. */
public enum Language {
    NL,
    EN,
    FR;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Language> fromCode(String code) {
        for (var language : values()) {
            if (language.code().equalsIgnoreCase(code)) {
                return Optional.of(language);
            }
        }
        return Optional.empty();
    }

    /**
     * The first supported language of an Accept-Language header (by q-value), else the configured default.
     */
    public static Language negotiate(String acceptLanguage, Language fallback) {
        if (acceptLanguage == null || acceptLanguage.isBlank()) {
            return fallback;
        }
        try {
            for (var range : Locale.LanguageRange.parse(acceptLanguage)) {
                if (range.getWeight() <= 0) {
                    continue;
                }
                var primary = range.getRange().split("-")[0];
                var match = fromCode(primary);
                if (match.isPresent()) {
                    return match.get();
                }
            }
        } catch (IllegalArgumentException malformed) {
            return fallback;
        }
        return fallback;
    }
}
