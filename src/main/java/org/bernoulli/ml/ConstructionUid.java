package org.bernoulli.ml;

/**
 * The uid of a spark.ml stage while its superclass constructor runs. MLlib's Scala base classes
 * create their parameters (featuresCol, labelCol, …) in their own constructors, and each parameter
 * records its parent's uid — before a Java subclass has had a chance to set its uid field. The
 * subclass constructor therefore stashes the uid here in an argument of its {@code this(…)} call
 * (which runs before the superclass constructor) and answers {@code uid()} from here until its own
 * field is set.
 */
final class ConstructionUid {
    private static final ThreadLocal<String> PENDING = new ThreadLocal<>();

    private ConstructionUid() {
    }

    static String stash(String uid) {
        PENDING.set(uid);
        return uid;
    }

    static String current() {
        return PENDING.get();
    }

    static void clear() {
        PENDING.remove();
    }
}
