package dev.tickettriage.classifier.embedded;

/**
 * Limited-memory BFGS for a smooth convex objective, with a backtracking (Armijo) line search. Deterministic: the
 * same objective and start give the same iterates. Parameters and history are float arrays (a softmax head over
 * hashed n-grams has millions of weights); dot products accumulate in double.
 */
final class Lbfgs {

    /** The objective: writes the gradient at {@code x} into {@code gradient} and returns the value. */
    interface Objective {
        double evaluate(float[] x, float[] gradient);
    }

    /** How a run ended. */
    record Result(int iterations, double value, double gradientNorm, boolean converged) {
    }

    private final int memory;
    private final int maxIterations;
    private final double tolerance;

    Lbfgs(int memory, int maxIterations, double tolerance) {
        this.memory = memory;
        this.maxIterations = maxIterations;
        this.tolerance = tolerance;
    }

    /** Minimises {@code objective} starting from {@code x}, which holds the minimiser on return. */
    Result minimise(Objective objective, float[] x) {
        int n = x.length;
        float[][] s = new float[memory][];
        float[][] y = new float[memory][];
        double[] rho = new double[memory];
        double[] alpha = new double[memory];
        int stored = 0;
        int newest = -1;
        float[] gradient = new float[n];
        float[] nextGradient = new float[n];
        float[] direction = new float[n];
        float[] candidate = new float[n];
        double value = objective.evaluate(x, gradient);
        double gradientNorm = Math.sqrt(dot(gradient, gradient));
        int iteration = 0;
        while (iteration < maxIterations) {
            if (gradientNorm <= tolerance * Math.max(1.0, Math.sqrt(dot(x, x)))) {
                return new Result(iteration, value, gradientNorm, true);
            }
            iteration++;
            // two-loop recursion: direction = -H * gradient
            for (int i = 0; i < n; i++) direction[i] = -gradient[i];
            for (int k = 0; k < stored; k++) {
                int slot = Math.floorMod(newest - k, memory);
                alpha[slot] = rho[slot] * dot(s[slot], direction);
                axpy(-alpha[slot], y[slot], direction);
            }
            if (stored > 0) {
                double gamma = dot(s[newest], y[newest]) / dot(y[newest], y[newest]);
                for (int i = 0; i < n; i++) direction[i] *= (float) gamma;
            }
            for (int k = stored - 1; k >= 0; k--) {
                int slot = Math.floorMod(newest - k, memory);
                double beta = rho[slot] * dot(y[slot], direction);
                axpy(alpha[slot] - beta, s[slot], direction);
            }
            double slope = dot(gradient, direction);
            if (!(slope < 0)) {   // not a descent direction: restart from steepest descent
                stored = 0;
                for (int i = 0; i < n; i++) direction[i] = -gradient[i];
                slope = -gradientNorm * gradientNorm;
            }
            double step = stored == 0 ? Math.min(1.0, 1.0 / gradientNorm) : 1.0;
            double nextValue = Double.NaN;
            boolean accepted = false;
            for (int attempt = 0; attempt < 30; attempt++) {
                for (int i = 0; i < n; i++) candidate[i] = x[i] + (float) step * direction[i];
                nextValue = objective.evaluate(candidate, nextGradient);
                if (nextValue <= value + 1e-4 * step * slope) {
                    accepted = true;
                    break;
                }
                step *= 0.5;
            }
            if (!accepted) return new Result(iteration, value, gradientNorm, false);   // no progress possible in float precision
            newest = (newest + 1) % memory;
            if (s[newest] == null) {
                s[newest] = new float[n];
                y[newest] = new float[n];
            }
            for (int i = 0; i < n; i++) {
                s[newest][i] = candidate[i] - x[i];
                y[newest][i] = nextGradient[i] - gradient[i];
            }
            double sy = dot(s[newest], y[newest]);
            if (sy > 1e-12) {
                rho[newest] = 1 / sy;
                stored = Math.min(stored + 1, memory);
            } else {   // curvature too small to trust: forget the history, continue from steepest descent
                stored = 0;
                newest = -1;
            }
            double previous = value;
            System.arraycopy(candidate, 0, x, 0, n);
            float[] swap = gradient;
            gradient = nextGradient;
            nextGradient = swap;
            value = nextValue;
            gradientNorm = Math.sqrt(dot(gradient, gradient));
            if (Math.abs(previous - value) <= 1e-9 * Math.max(1.0, Math.abs(value))) {
                return new Result(iteration, value, gradientNorm, true);
            }
        }
        return new Result(iteration, value, gradientNorm, false);
    }

    static double dot(float[] a, float[] b) {
        double s0 = 0;
        double s1 = 0;
        int i = 0;
        for (; i + 1 < a.length; i += 2) {
            s0 += a[i] * b[i];
            s1 += a[i + 1] * b[i + 1];
        }
        if (i < a.length) s0 += a[i] * b[i];
        return s0 + s1;
    }

    private static void axpy(double a, float[] x, float[] y) {
        float af = (float) a;
        for (int i = 0; i < y.length; i++) y[i] += af * x[i];
    }
}
