package org.bernoulli.train;

/**
 * A regularization path: {@code length} penalties equally spaced in log λ from λmax (every
 * coefficient 0) down to the settings' λ, or to {@code minRatio}·λmax when that λ is 0; with
 * {@code folds} ≥ 2, λ is chosen by K-fold cross-validation (folds by a hash seeded with
 * {@code seed}), else the model is the path's last fit.
 */
public record PathSpec(int length, double minRatio, int folds, long seed) {
    /** Penalties of the path that cross-validation fits when no path length is given. */
    public static final int DEFAULT_CV_LENGTH = 20;

    public PathSpec {
        if (length < 2) {
            throw new IllegalArgumentException("{REG_PATH}: a path needs at least 2 penalties, got " + length);
        }
        checkMinRatio(minRatio);
        checkFolds(folds);
    }

    /** A path without cross-validation. */
    public PathSpec(int length, double minRatio) {
        this(length, minRatio, 0, 0);
    }

    /**
     * The path the settings ask for, or null for a single fit (both 0). Every value is checked, given
     * or not: a negative path length is refused, never read as "the default path".
     *
     * @param regPath the path's length: 0 for none (a path of {@value #DEFAULT_CV_LENGTH} with cv), else ≥ 2
     * @param cv      the folds: 0 for none, else ≥ 2
     */
    public static PathSpec of(int regPath, double minRatio, int cv, long seed) {
        if (regPath < 0 || regPath == 1) {
            throw new IllegalArgumentException("{REG_PATH} must be 0 (a single fit) or at least 2 penalties, got "
                    + regPath);
        }
        checkMinRatio(minRatio);
        checkFolds(cv);
        if (regPath == 0 && cv == 0) {
            return null;
        }
        return new PathSpec(regPath > 0 ? regPath : DEFAULT_CV_LENGTH, minRatio, cv, seed);
    }

    private static void checkMinRatio(double minRatio) {
        if (!(minRatio > 0 && minRatio < 1)) {
            throw new IllegalArgumentException("{PATH_MIN_RATIO} must be in (0, 1), got " + minRatio);
        }
    }

    private static void checkFolds(int folds) {
        if (folds == 1 || folds < 0) {
            throw new IllegalArgumentException("{CV} must be 0 (off) or at least 2 folds, got " + folds);
        }
    }
}
