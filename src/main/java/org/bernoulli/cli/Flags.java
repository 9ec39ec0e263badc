package org.bernoulli.cli;

import org.bernoulli.data.Setting;

import java.util.Locale;

/**
 * The command line's words for the settings the core names ({@link Setting}): each is its flag,
 * {@code --} and the setting's name in lower case with hyphens ({@code TOL} is {@code --tol},
 * {@code NA_ACTION=omit} is {@code --na-action omit}) — the one place the flags are spelled for
 * messages.
 */
final class Flags implements Setting.Wording {
    static final Flags WORDS = new Flags();

    private Flags() {
    }

    @Override
    public String name(Setting setting) {
        return "--" + setting.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    @Override
    public String withValue(Setting setting, String value) {
        return name(setting) + " " + value;
    }

    /** A message with its settings worded as flags. */
    static String words(String message) {
        return Setting.render(message, WORDS);
    }
}
