package org.bernoulli.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.bernoulli.data.WriteFailedException;
import org.bernoulli.files.StagedOutput;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every row a scoring run read, scored or rejected: rows read = rows scored + rows rejected, written
 * into the output as {@value #FILE} (ignored by Spark readers, like {@code _SUCCESS}) by either engine.
 *
 * @param rowsRead     rows read
 * @param rowsScored   rows scored
 * @param rowsRejected rows rejected
 */
public record RowAccounting(long rowsRead, long rowsScored, long rowsRejected) {
    /** The row accounting written into the output directory. */
    public static final String FILE = "_rows.json";

    public RowAccounting {
        if (rowsRead != rowsScored + rowsRejected) {
            throw new IllegalStateException("row accounting does not add up: read " + rowsRead + ", scored "
                    + rowsScored + ", rejected " + rowsRejected);
        }
    }

    /**
     * Writes {@value #FILE} into the staged output: the row counts, the policy, the input, the model,
     * the threshold and the seconds per phase of the run so far.
     */
    void write(StagedOutput out, ScoringRequest request, PhaseClock clock) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("rowsRead", rowsRead);
        json.put("rowsScored", rowsScored);
        json.put("rowsRejected", rowsRejected);
        json.put("badRecords", request.policy().toString());
        json.put("input", request.source().describe());
        json.put("model", request.modelDir());
        json.put("threshold", request.threshold());
        json.put("phaseSeconds", clock.ended());
        String file = out.staged(FILE);
        try (java.io.OutputStream stream = out.fileStore().create(file)) {
            stream.write(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(json));
        } catch (IOException e) {
            throw WriteFailedException.writing(StagedOutput.targetOf(file), e);
        }
    }
}
