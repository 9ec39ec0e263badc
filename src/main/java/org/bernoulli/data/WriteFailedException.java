package org.bernoulli.data;

/**
 * An output could not be written — a full disk, a directory without write permission, a file system
 * that refused — said on one line with the path and the cause, never as a stack trace. What was
 * staged is removed; nothing half-written is left at the output.
 */
public class WriteFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public WriteFailedException(String message, Throwable cause) {
        super(message, cause);
    }

    /** "cannot write PATH: the cause in words". */
    public static WriteFailedException writing(String path, Throwable cause) {
        return new WriteFailedException("cannot write " + path + ": " + reason(cause), cause);
    }

    /**
     * The innermost cause in words: a full disk and a refused permission said plainly, else the file
     * system's own message.
     */
    public static String reason(Throwable cause) {
        String message = null;
        Throwable root = cause;
        for (Throwable t = cause; t != null; t = t.getCause()) {
            root = t;
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                message = t.getMessage();
            }
        }
        if (message == null) {
            return root.getClass().getSimpleName();
        }
        String first = message.strip().lines().findFirst().orElse(message);
        if (first.contains("No space left on device") || first.contains("Disk quota exceeded")) {
            return "no space left on the device (" + first + ")";
        }
        if (root instanceof java.nio.file.AccessDeniedException || first.contains("Permission denied")) {
            return "permission denied (" + first + ")";
        }
        return first;
    }
}
