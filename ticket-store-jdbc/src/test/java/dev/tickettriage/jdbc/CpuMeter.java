package dev.tickettriage.jdbc;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * CPU seconds spent by this JVM and by the local database server processes (postgres, mariadbd/mysqld, read from
 * /proc on Linux), so a harness can report CPU per ticket next to wall-clock throughput on a shared machine.
 */
final class CpuMeter {

    private static final double TICKS = 100.0;   // USER_HZ on Linux

    private final long jvmStart;
    private final double serverStart;

    private CpuMeter() {
        this.jvmStart = jvmNanos();
        this.serverStart = serverSeconds();
    }

    static CpuMeter start() {
        return new CpuMeter();
    }

    double jvmSeconds() {
        return (jvmNanos() - jvmStart) / 1e9;
    }

    double serverSecondsSinceStart() {
        return serverSeconds() - serverStart;
    }

    private static long jvmNanos() {
        java.lang.management.OperatingSystemMXBean bean = ManagementFactory.getOperatingSystemMXBean();
        return bean instanceof com.sun.management.OperatingSystemMXBean ? ((com.sun.management.OperatingSystemMXBean) bean).getProcessCpuTime() : 0;
    }

    private static double serverSeconds() {
        double total = 0;
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            for (Path process : (Iterable<Path>) processes::iterator) {
                String name = process.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) continue;
                try {
                    String comm = Files.readString(process.resolve("comm")).strip();
                    if (!comm.startsWith("postgres") && !comm.startsWith("mariadbd") && !comm.startsWith("mysqld")) continue;
                    String stat = Files.readString(process.resolve("stat"));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    total += (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS;   // utime, stime
                } catch (IOException | RuntimeException gone) {
                    // the process ended meanwhile
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return total;
    }
}
