package org.bernoulli.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * What a fit's likelihood is a likelihood of: the rows' labels, case weights and offsets (by their
 * digest) and the settings that made them. Two fits are comparable by a likelihood-ratio test only
 * when these agree — a weighted fit against an unweighted one, or one with offsets against one
 * without, have log-likelihoods of different things, even when their rows and total weights match.
 *
 * @param rowsDigest   the rows' digest ({@link org.bernoulli.data.FeatureStatistics#rowsDigest}) as
 *                     16 hexadecimal digits: labels, case weights after class weights, and offsets
 * @param response     what the label is: the label column, or the formula's response and its coding
 * @param weightColumn the column of case weights, or null
 * @param classWeights the factors class weights multiplied label 0 and label 1 by, or null
 * @param offsets      the offsets added to each margin (a column, or the formula's offset terms), or null
 */
public record FittedData(String rowsDigest, String response, String weightColumn, double[] classWeights,
                         String offsets) {

    public FittedData {
        Objects.requireNonNull(rowsDigest, "rowsDigest");
        Objects.requireNonNull(response, "response");
        if (classWeights != null && classWeights.length != 2) {
            throw new IllegalArgumentException("class weights are two factors, for label 0 and label 1; got "
                    + classWeights.length);
        }
        classWeights = classWeights == null ? null : classWeights.clone();
    }

    /** The class-weight factors, or null (a copy). */
    @Override
    public double[] classWeights() {
        return classWeights == null ? null : classWeights.clone();
    }

    /** The digest as written: 16 hexadecimal digits. */
    public static String digest(long rowsDigest) {
        return String.format("%016x", rowsDigest);
    }

    /**
     * What tells this fit's data from the other's, in words; empty when they are the same data. The
     * settings are named first; rows that differ only in their labels, weights or offsets are said
     * by their digests.
     */
    public List<String> differences(FittedData other) {
        List<String> out = new ArrayList<>();
        if (!response.equals(other.response)) {
            out.add("responses differ (" + response + "; " + other.response + ")");
        }
        if (!Objects.equals(weightColumn, other.weightColumn)) {
            out.add("case weights differ (" + describeWeights(weightColumn) + "; " + describeWeights(other.weightColumn)
                    + ")");
        }
        if (!Arrays.equals(classWeights, other.classWeights)) {
            out.add("class weights differ (" + describeClassWeights(classWeights) + "; "
                    + describeClassWeights(other.classWeights) + ")");
        }
        if (!Objects.equals(offsets, other.offsets)) {
            out.add("offsets differ (" + (offsets == null ? "none" : offsets) + "; "
                    + (other.offsets == null ? "none" : other.offsets) + ")");
        }
        if (out.isEmpty() && !rowsDigest.equals(other.rowsDigest)) {
            out.add("the rows' labels, case weights or offsets differ (digests " + rowsDigest + " and "
                    + other.rowsDigest + ")");
        }
        return out;
    }

    private static String describeWeights(String column) {
        return column == null ? "none" : "column '" + column + "'";
    }

    private static String describeClassWeights(double[] factors) {
        return factors == null ? "none" : "label 0 x " + factors[0] + ", label 1 x " + factors[1];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FittedData f && rowsDigest.equals(f.rowsDigest) && response.equals(f.response)
                && Objects.equals(weightColumn, f.weightColumn) && Arrays.equals(classWeights, f.classWeights)
                && Objects.equals(offsets, f.offsets);
    }

    @Override
    public int hashCode() {
        return Objects.hash(rowsDigest, response, weightColumn, Arrays.hashCode(classWeights), offsets);
    }

    @Override
    public String toString() {
        return "FittedData[" + rowsDigest + ", " + response + ", " + weightColumn + ", "
                + Arrays.toString(classWeights) + ", " + offsets + "]";
    }
}
