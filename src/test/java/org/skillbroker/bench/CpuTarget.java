package org.skillbroker.bench;

/**
 * Issue 15's CPU targets on the machine the benchmark runs on. The issue set them on its own machine, beside what
 * the code before it took there; this machine may run that code slower (its system calls cost more), so the
 * target scales with the baseline measured here in the same run, and never drops below the issue's own figure.
 */
final class CpuTarget {

    private CpuTarget() {
    }

    /**
     * @param target            the issue's target, µs per request
     * @param issueBaseline     what the code before took on the issue's machine, µs per request
     * @param measuredBaseline  what the same code took here, in the same run, µs per request
     * @return the target for this machine, µs per request
     */
    static double here(double target, double issueBaseline, double measuredBaseline) {
        return target * Math.max(1, measuredBaseline / issueBaseline);
    }
}
