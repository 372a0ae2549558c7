package org.skillbroker.bench;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CpuTargetTest {

    @Test
    void aSlowerMachineScalesTheTargetByHowMuchSlowerTheBaselineRuns() {
        assertEquals(1_420, CpuTarget.here(600, 1_200, 2_840), 1e-9);
    }

    @Test
    void aMachineAsFastOrFasterKeepsTheIssuesFigure() {
        assertEquals(300, CpuTarget.here(300, 600, 493), 1e-9);
        assertEquals(300, CpuTarget.here(300, 600, 600), 1e-9);
    }
}
