package org.bernoulli.jobs;

/**
 * What to do with an input row that cannot be scored: {@code fail} the job (nothing written),
 * {@code skip} it (counted as rejected), or {@code quarantine:PATH} it (counted, and written to PATH
 * with its source location and the reason).
 *
 * @param mode           the action
 * @param quarantinePath where rejected rows go, for {@link Mode#QUARANTINE} only
 */
public record BadRecordPolicy(Mode mode, String quarantinePath) {

    public enum Mode { FAIL, SKIP, QUARANTINE }

    public static final BadRecordPolicy FAIL = new BadRecordPolicy(Mode.FAIL, null);

    public BadRecordPolicy {
        if ((mode == Mode.QUARANTINE) != (quarantinePath != null && !quarantinePath.isBlank())) {
            throw new IllegalArgumentException("{BAD_RECORDS}: a quarantine path is required with quarantine, and only "
                    + "with it");
        }
    }

    /** Parses {@code fail}, {@code skip} or {@code quarantine:PATH}. */
    public static BadRecordPolicy parse(String text) {
        String t = text.strip();
        if (t.equalsIgnoreCase("fail")) {
            return FAIL;
        }
        if (t.equalsIgnoreCase("skip")) {
            return new BadRecordPolicy(Mode.SKIP, null);
        }
        if (t.regionMatches(true, 0, "quarantine:", 0, 11) && t.length() > 11) {
            return new BadRecordPolicy(Mode.QUARANTINE, t.substring(11));
        }
        throw new IllegalArgumentException("{BAD_RECORDS} must be fail, skip or quarantine:PATH, got '"
                + org.bernoulli.data.Values.echo(text) + "'");
    }

    @Override
    public String toString() {
        return mode == Mode.QUARANTINE ? "quarantine:" + quarantinePath : mode.name().toLowerCase();
    }
}
