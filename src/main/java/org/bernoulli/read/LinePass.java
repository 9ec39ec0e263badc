package org.bernoulli.read;

import java.io.Serializable;

/**
 * What one pass over a text input computes: each piece of the input (a file, a split) folded into a
 * part, the parts' results merged. Passes travel to Spark's tasks, so they are serializable; a part
 * is made where its lines are and may keep scratch buffers.
 *
 * @param <A> the result
 */
public interface LinePass<A> extends Serializable {

    /** A fold over the lines of one piece of the input. */
    Part<A> start();

    /** Two pieces' results together. */
    A merge(A left, A right);

    /** The fold of one piece. */
    interface Part<A> {
        /**
         * The next line of the piece.
         *
         * @param firstOfFile whether it is its file's first (the header of CSV)
         * @throws org.bernoulli.data.RecordFormatException when the line stops the run
         */
        void line(boolean firstOfFile, String line);

        A result();
    }
}
