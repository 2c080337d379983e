package dev.tickettriage.port;

/**
 * How a {@link Classifier} wants to be driven: at most {@code maxInFlight} calls running at once, and
 * {@code preferredBatchSize} tickets per call ({@code classifyAllAsync} receives at most that many; 1 means the
 * classifier classifies one ticket per call). The pipeline sizes itself from these values; a host may lower or
 * raise them in {@code WorkerConfig}.
 *
 * <p>{@link #cpuBound()} suits in-JVM classifiers (one call per core, 16 tickets per call); {@link #remote(int, int)}
 * suits HTTP and LLM classifiers, whose calls mostly wait. Immutable.
 */
public record ClassifierLimits(int maxInFlight, int preferredBatchSize) {

    public static final int DEFAULT_CPU_BATCH_SIZE = 16;
    public static final int MAX_IN_FLIGHT = 4_096;
    public static final int MAX_BATCH_SIZE = 1_024;

    public ClassifierLimits {
        if (maxInFlight < 1 || maxInFlight > MAX_IN_FLIGHT) {
            throw new IllegalArgumentException("maxInFlight must be in [1, " + MAX_IN_FLIGHT + "], was " + maxInFlight);
        }
        if (preferredBatchSize < 1 || preferredBatchSize > MAX_BATCH_SIZE) {
            throw new IllegalArgumentException("preferredBatchSize must be in [1, " + MAX_BATCH_SIZE + "], was " + preferredBatchSize);
        }
    }

    /** One call per available processor, {@value #DEFAULT_CPU_BATCH_SIZE} tickets per call: for classifiers that compute in the JVM. */
    public static ClassifierLimits cpuBound() {
        return new ClassifierLimits(Math.max(1, Runtime.getRuntime().availableProcessors()), DEFAULT_CPU_BATCH_SIZE);
    }

    /** For classifiers whose calls wait on a remote service: {@code maxInFlight} calls of {@code batchSize} tickets each. */
    public static ClassifierLimits remote(int maxInFlight, int batchSize) {
        return new ClassifierLimits(maxInFlight, batchSize);
    }

    /**
     * Whether these are the {@link #cpuBound()} limits. The pipeline then runs one call of each claim on the claiming
     * thread itself (no hand-off for work that only computes) and the others on its executor.
     */
    public boolean isCpuBound() {
        return equals(cpuBound());
    }

    /** The stricter of these limits and {@code other}'s (for composed classifiers that call both). */
    public ClassifierLimits min(ClassifierLimits other) {
        return new ClassifierLimits(Math.min(maxInFlight, other.maxInFlight), Math.min(preferredBatchSize, other.preferredBatchSize));
    }
}
