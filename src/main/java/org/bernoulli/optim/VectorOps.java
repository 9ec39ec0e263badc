package org.bernoulli.optim;

/** The few dense-vector operations the optimizers need, on plain arrays. */
final class VectorOps {

    private VectorOps() {
    }

    /** aᵀb. */
    static double dot(double[] a, double[] b) {
        double s = 0.0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /** ‖v‖∞, the largest absolute component. */
    static double maxAbs(double[] v) {
        double m = 0.0;
        for (double e : v) {
            m = Math.max(m, Math.abs(e));
        }
        return m;
    }

    /** x + t·d, as a new array. */
    static double[] move(double[] x, double[] d, double t) {
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i] + t * d[i];
        }
        return out;
    }
}
