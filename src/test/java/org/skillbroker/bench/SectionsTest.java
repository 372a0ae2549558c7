package org.skillbroker.bench;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The arithmetic of the calls-per-action, sustained-budget and footprint sections, without a broker. */
class SectionsTest {

    private static final long T0 = 1_700_000_000_000L;

    @Test
    void callsAreNamedWithoutOrgIdsAndPagingButWithTheirTellingFlags() {
        assertEquals("v2/user?filter", SimCalls.endpoint("/organization/0f3e/v2/user",
                "filter=id%3D%3Dabc&page=0&pageSize=100"));
        assertEquals("v2/user?supervisorManagedAgentsOnly", SimCalls.endpoint("/organization/x/v2/user",
                "supervisorManagedAgentsOnly=true&page=0"));
        assertEquals("skill-profile/{id}", SimCalls.endpoint("/organization/x/skill-profile/"
                + "6f1c2a3b-1111-4222-8333-944455556666", ""));
        assertEquals("/v1/people/me", SimCalls.endpoint("/v1/people/me", null));
        SimCalls.Call cc = new SimCalls.Call(T0, "integration", "GET", "/organization/x/v2/skill", "");
        assertTrue(cc.contactCenter());
        assertFalse(new SimCalls.Call(T0, "desktop", "GET", "/organization/x/v2/team", "supervisorView=true")
                .contactCenter()); // the caller's own token: not the integration's budget
        assertFalse(new SimCalls.Call(T0, "integration", "POST", "/v1/access_token", "").contactCenter());
    }

    @Test
    void aRowIsMetOnlyWithExactlyTheTargetsCalls() {
        Map<String, Integer> target = CallsTable.calls("integration GET skill-profile/{id}", 1,
                "integration PUT skill-profile/{id}", 1);
        assertTrue(new CallsTable.Row("change", "warm", target, Map.copyOf(target)).met());
        CallsTable.Row more = new CallsTable.Row("change", "warm", target, CallsTable.calls(
                "integration GET skill-profile/{id}", 2, "integration PUT skill-profile/{id}", 1));
        assertFalse(more.met());
        assertEquals("+1 integration GET skill-profile/{id}", CallsTable.difference(more));
        CallsTable.Row fewer = new CallsTable.Row("change", "warm", target, CallsTable.calls(
                "integration GET skill-profile/{id}", 1));
        assertFalse(fewer.met());
        assertEquals("2 integration + 0 caller", CallsTable.total(target));
        CallsTable table = new CallsTable().add(more);
        assertFalse(table.targets().get(0).met());
        assertTrue(table.markdown().contains("**MISSED**"));
    }

    @Test
    void contactCenterCallsAreCountedPerMinuteAndInTheBusiest60Seconds() {
        List<SimCalls.Call> calls = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            calls.add(cc(T0 + 30_000 + i * 10)); // minute 1, late
            calls.add(cc(T0 + 60_000 + i * 10)); // minute 2, early
        }
        calls.add(new SimCalls.Call(T0 + 1000, "desktop", "GET", "/v1/people/me", "")); // not Contact Center's
        List<SustainedBudget.Done> done = List.of(
                new SustainedBudget.Done(T0 + 5_000, "change a skill", true, SustainedBudget.Outcome.SERVED, 200),
                new SustainedBudget.Done(T0 + 65_000, "change a skill", true, SustainedBudget.Outcome.HELD_BACK_BUDGET,
                        503),
                new SustainedBudget.Done(T0 + 66_000, "open a profile", false, SustainedBudget.Outcome.SERVED, 200));
        SustainedBudget.Result r = new SustainedBudget.Result(T0, Duration.ofMinutes(2), 20, 2, Duration.ofSeconds(10),
                calls, done, "0");
        assertArrayEquals(new int[]{100, 100}, r.contactCenterPerMinute());
        assertEquals(200, r.maxInAnyMinute()); // both bursts lie within 60 s of each other
        assertArrayEquals(new int[]{1, 0}, r.changesPerMinute());
        assertEquals(1, r.heldBack());
        assertTrue(r.targets().stream().allMatch(Report.Target::met));

        for (int i = 0; i < 150; i++) {
            calls.add(cc(T0 + 61_000 + i));
        }
        SustainedBudget.Result over = new SustainedBudget.Result(T0, Duration.ofMinutes(2), 20, 2, Duration.ofSeconds(10),
                calls, done, "0");
        assertEquals(250, over.contactCenterPerMinute()[1]);
        assertEquals(350, over.maxInAnyMinute());
        assertFalse(over.targets().get(1).met());
        assertTrue(over.targets().get(0).met()); // per minute of the run, yet not in any 60 s: both are shown
    }

    private static SimCalls.Call cc(long at) {
        return new SimCalls.Call(at, "integration", "GET", "/organization/x/skill-profile/y", "");
    }

    @Test
    void jcmdOutputIsReadForClassesMetaspaceAndClassLoaders() {
        String perf = "java.cls.loadedClasses=5000\njava.cls.sharedLoadedClasses=1200\njava.cls.unloadedClasses=300\n"
                + "java.cls.sharedUnloadedClasses=0\njava.cls.time=123\n";
        assertEquals(5900, Footprint.loadedClasses(perf));
        String heapInfo = " garbage-first heap   total 65536K, used 12345K [0x0, 0x0)\n"
                + "  region size 1024K, 3 young (3072K), 0 survivors (0K)\n"
                + " Metaspace       used 25000K, committed 25600K, reserved 1114112K\n"
                + "  class space    used 3000K, committed 3200K, reserved 1048576K\n";
        assertEquals(25000L * 1024, Footprint.metaspaceUsed(heapInfo));
        String histogram = " num     #instances         #bytes  class name (module)\n"
                + "-------------------------------------------------------\n"
                + "   1:         12345        1000000  [B (java.base@17)\n"
                + " 812:             2            304  org.apache.catalina.loader.ParallelWebappClassLoader\n";
        assertEquals(2, Footprint.instances(histogram, Footprint.WEBAPP_LOADER));
        assertEquals(0, Footprint.instances(histogram, "org.example.Missing"));
    }

    @Test
    void aKeptClassLoaderOrGrowingMetaspaceIsALeak() {
        Footprint.Figures empty = new Footprint.Figures(2500, 9 << 20, 8 << 20, 35, 0);
        Footprint.Figures with = new Footprint.Figures(6000, 25 << 20, 15 << 20, 42, 1);
        Footprint.Figures first = new Footprint.Figures(3500, 15 << 20, 10 << 20, 35, 0);
        Footprint.Figures half = new Footprint.Figures(3520, 16 << 20, 10 << 20, 35, 0);
        Footprint.Figures clean = new Footprint.Figures(3530, (16 << 20) + 500_000, 10 << 20, 35, 0);
        assertTrue(new Footprint.Result(empty, with, first, half, with, clean, 20, 100, List.of(), List.of()).targets().stream()
                .allMatch(Report.Target::met));
        Footprint.Figures leaked = new Footprint.Figures(6500, 40 << 20, 20 << 20, 36, 1);
        List<Report.Target> t = new Footprint.Result(empty, with, first, half, with, leaked, 20, 100,
                List.of("The web application [skill-broker] appears to have started a thread named [x] but has "
                        + "failed to stop it."), List.of("skill-broker-x")).targets();
        assertTrue(t.stream().noneMatch(Report.Target::met), t.toString());
    }
}
