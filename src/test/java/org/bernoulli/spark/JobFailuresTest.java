package org.bernoulli.spark;

import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkException;
import org.bernoulli.data.BadInputException;
import org.bernoulli.data.WriteFailedException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/**
 * A failed job's causes as each Spark line chains them: Spark 3.5 wraps whatever fails a writing task
 * in TASK_WRITE_FAILED — a bad row met while scoring into the output too — where Spark 4 passes the
 * task's own failure up. The bad row is what the user needs (exit 1, its file and row); only a write
 * that failed for a reason of its own is a write failure.
 */
class JobFailuresTest {
    private static final String STAGING = "file:/data/.scores.writing-0123abcd-4567-89ab-cdef-0123456789ab";

    private static SparkException writeFailed(Throwable cause) {
        return new SparkException("Job aborted due to stage failure: Task 0 in stage 3.0 failed 1 times",
                new SparkException("[TASK_WRITE_FAILED] Task failed while writing rows to " + STAGING + ".", cause));
    }

    @Test
    void aBadRowMetWhileWritingIsTheBadRowOnSpark35() {
        RuntimeException got = JobFailures.translate(writeFailed(new BadRowException("data.json row 15",
                "education: level 'college' was not seen in training")), new Configuration());
        assertInstanceOf(BadInputException.class, got);
        assertEquals("data.json row 15: education: level 'college' was not seen in training", got.getMessage());
    }

    @Test
    void aBadRowAsSpark4ReportsItIsTheBadRow() {
        RuntimeException got = JobFailures.translate(new SparkException("Job aborted due to stage failure",
                new BadRowException("data.json row 15", "education: a null")), new Configuration());
        assertInstanceOf(BadInputException.class, got);
        assertEquals("data.json row 15: education: a null", got.getMessage());
    }

    @Test
    void aWriteThatFailedForItsOwnReasonNamesTheOutput() {
        RuntimeException got = JobFailures.translate(writeFailed(new java.io.IOException("No space left on device")),
                new Configuration());
        assertInstanceOf(WriteFailedException.class, got);
        assertEquals("cannot write file:/data/scores: no space left on the device (No space left on device)",
                got.getMessage());
    }

    @Test
    void anUnreadableFileIsNamedWithOrWithoutSpark4sErrorClass() {
        for (String prefix : new String[] {"[FAILED_READ_FILE.NO_HINT] ", ""}) {
            RuntimeException got = JobFailures.translate(new SparkException(prefix
                    + "Encountered error while reading file file:/data/a.orc. Details: Unrecognized type 0"),
                    new Configuration());
            assertInstanceOf(BadInputException.class, got, prefix);
            assertEquals("cannot read file:/data/a.orc: Details: Unrecognized type 0", got.getMessage(), prefix);
        }
    }
}
