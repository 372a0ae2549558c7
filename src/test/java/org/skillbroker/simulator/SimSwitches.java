package org.skillbroker.simulator;

import java.util.Locale;

/**
 * What the simulator does where Cisco publishes nothing (docs: webex-contract.md). Each behaviour is a switch, so
 * the broker is proven under every plausible one instead of under the convenient one. Defaults come from system
 * properties, so a whole suite run can be switched ({@code -Dsim.stale-version=409}); a test may set one for itself
 * and must put it back ({@link #reset()}).
 */
public final class SimSwitches {

    /** What a skill-profile PUT with a {@code version} other than the stored one gets. Cisco documents none. */
    public enum StaleVersion {
        /** the write is applied, the version moves on: the last writer wins */
        LAST_WRITE_WINS,
        /** 400 with Cisco's error body */
        REJECT_400,
        /** 409 with Cisco's error body (undocumented for this PUT) */
        REJECT_409;

        static StaleVersion parse(String value) {
            return switch (value.trim().toLowerCase(Locale.ROOT)) {
                case "lww", "last-write-wins" -> LAST_WRITE_WINS;
                case "400" -> REJECT_400;
                case "409" -> REJECT_409;
                default -> throw new IllegalArgumentException("sim.stale-version must be lww, 400 or 409: " + value);
            };
        }
    }

    /**
     * Whether {@code GET /v2/team?supervisorView=true} and {@code GET /v2/user?supervisorManagedAgentsOnly=true}
     * answer a Desktop ({@code cjp:config_read}, Desktop client) token. Cisco does not say.
     */
    public enum SupervisorQueries {
        ANSWERED, FORBIDDEN;

        static SupervisorQueries parse(String value) {
            return switch (value.trim().toLowerCase(Locale.ROOT)) {
                case "answered" -> ANSWERED;
                case "403", "forbidden" -> FORBIDDEN;
                default -> throw new IllegalArgumentException("sim.supervisor-queries must be answered or 403: "
                        + value);
            };
        }
    }

    /**
     * What {@code PATCH /user/{id}/reskill} does with {@code "skillProfileId": ""}, the only way the schema leaves to
     * say "no own profile any more" (it is a string, null is not allowed; an absent one changes nothing). Cisco
     * does not say.
     */
    public enum ReskillClear {
        /** the agent's own profile is removed: their team's applies again */
        CLEARS,
        /** 204, and the agent keeps their own profile */
        IGNORED,
        /** 400 with Cisco's error body */
        REJECT_400;

        static ReskillClear parse(String value) {
            return switch (value.trim().toLowerCase(Locale.ROOT)) {
                case "clears", "empty" -> CLEARS;
                case "ignored" -> IGNORED;
                case "400" -> REJECT_400;
                default -> throw new IllegalArgumentException("sim.reskill-clear must be clears, ignored or 400: "
                        + value);
            };
        }
    }

    /**
     * What {@code reskill}'s {@code UpdateDynamicSkillsDTO.enumSkillValues} (a set of strings) names, and so what the
     * user's {@code AssignedDynamicSkillsDTO.enumSkillValues} (one string) shows: the values' ids or their names.
     * Cisco does not say. The other form is refused with 400.
     */
    public enum EnumSkillValues {
        IDS, NAMES;

        static EnumSkillValues parse(String value) {
            return switch (value.trim().toLowerCase(Locale.ROOT)) {
                case "ids" -> IDS;
                case "names" -> NAMES;
                default -> throw new IllegalArgumentException("sim.enum-skill-values must be ids or names: " + value);
            };
        }
    }

    private final java.util.concurrent.atomic.AtomicInteger ignoredPuts = new java.util.concurrent.atomic.AtomicInteger();
    private volatile StaleVersion staleVersion;
    private volatile SupervisorQueries supervisorQueries;
    private volatile ReskillClear reskillClear;
    private volatile EnumSkillValues enumSkillValues;

    SimSwitches() {
        reset();
    }

    /** Back to the suite's setting (system properties), or the defaults: last write wins, answered. */
    public void reset() {
        ignoredPuts.set(0);
        staleVersion = StaleVersion.parse(System.getProperty("sim.stale-version", "lww"));
        supervisorQueries = SupervisorQueries.parse(System.getProperty("sim.supervisor-queries", "answered"));
        reskillClear = ReskillClear.parse(System.getProperty("sim.reskill-clear", "clears"));
        enumSkillValues = EnumSkillValues.parse(System.getProperty("sim.enum-skill-values", "ids"));
    }

    public StaleVersion staleVersion() {
        return staleVersion;
    }

    public void staleVersion(StaleVersion value) {
        staleVersion = java.util.Objects.requireNonNull(value);
    }

    public SupervisorQueries supervisorQueries() {
        return supervisorQueries;
    }

    public void supervisorQueries(SupervisorQueries value) {
        supervisorQueries = java.util.Objects.requireNonNull(value);
    }

    public ReskillClear reskillClear() {
        return reskillClear;
    }

    public void reskillClear(ReskillClear value) {
        reskillClear = java.util.Objects.requireNonNull(value);
    }

    public EnumSkillValues enumSkillValues() {
        return enumSkillValues;
    }

    public void enumSkillValues(EnumSkillValues value) {
        enumSkillValues = java.util.Objects.requireNonNull(value);
    }

    /**
     * The next {@code n} skill-profile PUTs answer 200 with the stored profile without applying anything: reported
     * by third parties (webex-contract.md §1), not documented.
     */
    public void ignoreNextPuts(int n) {
        ignoredPuts.set(n);
    }

    boolean takeIgnoredPut() {
        return ignoredPuts.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
    }

    @Override
    public String toString() {
        return "stale-version=" + staleVersion + ", supervisor-queries=" + supervisorQueries + ", reskill-clear="
                + reskillClear + ", enum-skill-values=" + enumSkillValues;
    }
}
