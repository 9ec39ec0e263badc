package org.bernoulli.spark;

import org.apache.spark.sql.Column;

import static org.apache.spark.sql.functions.col;

/** A dataset's column by its literal name — dots, spaces and backticks included, none of them read as syntax. */
public final class Columns {

    private Columns() {
    }

    public static Column named(String name) {
        return col("`" + name.replace("`", "``") + "`");
    }
}
