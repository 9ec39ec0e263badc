package org.bernoulli.data;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which CSV columns hold the label, the optional case weight, the optional offset and the features,
 * resolved from the header line.
 *
 * @param header         the header cells, in file order
 * @param labelIndex     position of the label column
 * @param weightIndex    position of the weight column, or −1 for unit weights
 * @param offsetIndex    position of the offset column, or −1 for none
 * @param featureIndices positions of the feature columns, in model order
 */
public record CsvSchema(List<String> header, int labelIndex, int weightIndex, int offsetIndex, int[] featureIndices)
        implements Serializable {

    public CsvSchema {
        header = List.copyOf(header);
    }

    /**
     * Resolves the columns.
     *
     * @param header         the header cells
     * @param labelColumn    name of the label column
     * @param featureColumns names of the feature columns, or an empty list for "all the others"
     * @param weightColumn   name of the weight column, or null
     * @param source         the file the header came from, for messages
     */
    public static CsvSchema resolve(List<String> header, String labelColumn, List<String> featureColumns,
                                    String weightColumn, String source) {
        return resolve(header, labelColumn, featureColumns, weightColumn, null, source);
    }

    /**
     * Resolves the columns, with an offset column.
     *
     * @param offsetColumn name of the offset column, or null
     */
    public static CsvSchema resolve(List<String> header, String labelColumn, List<String> featureColumns,
                                    String weightColumn, String offsetColumn, String source) {
        return resolve(header, labelColumn, featureColumns, weightColumn, offsetColumn, null, source);
    }

    /**
     * Resolves the columns, with an offset column and a cluster column ({@code CLUSTER_COLUMN},
     * which is never a feature: "all the others" leaves it out).
     *
     * @param clusterColumn name of the cluster column, or null
     */
    public static CsvSchema resolve(List<String> header, String labelColumn, List<String> featureColumns,
                                    String weightColumn, String offsetColumn, String clusterColumn, String source) {
        ColumnNames.check(header, source + " line 1");
        // That the named columns differ from one another is InputSpec's rule; here they are found.
        int label = indexOf(header, labelColumn, "label column ({LABEL_COLUMN})", source);
        int weight = weightColumn == null ? -1 : indexOf(header, weightColumn, "weight column ({WEIGHT_COLUMN})", source);
        int offset = offsetColumn == null ? -1 : indexOf(header, offsetColumn, "offset column ({OFFSET_COLUMN})", source);
        List<Integer> features = new ArrayList<>();
        if (featureColumns.isEmpty()) {
            for (int i = 0; i < header.size(); i++) {
                if (i != label && i != weight && i != offset && !header.get(i).equals(clusterColumn)) {
                    features.add(i);
                }
            }
        } else {
            for (String name : featureColumns) {
                features.add(indexOf(header, name, "feature column ({FEATURE_COLUMNS})", source));
            }
        }
        if (features.isEmpty()) {
            throw new BadInputException(source + ": no feature columns; the header has only "
                    + Values.echo(header));
        }
        return new CsvSchema(header, label, weight, offset, features.stream().mapToInt(Integer::intValue).toArray());
    }

    private static int indexOf(List<String> header, String name, String role, String source) {
        int i = header.indexOf(name);
        if (i < 0) {
            throw new BadInputException(source + " line 1: no " + role + " named '" + name
                    + "' in the header; the columns are " + Values.echo(header));
        }
        return i;
    }

    /** Names of the feature columns, in model order. */
    public List<String> featureNames() {
        List<String> names = new ArrayList<>(featureIndices.length);
        for (int i : featureIndices) {
            names.add(header.get(i));
        }
        return names;
    }
}
