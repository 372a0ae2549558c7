package org.skillbroker.state.jdbc;

import org.skillbroker.state.AuditLog;
import org.skillbroker.state.CallBudget;
import org.skillbroker.state.ClusterState;
import org.skillbroker.state.GrantSlot;
import org.skillbroker.state.Leases;
import org.skillbroker.state.PendingReverts;
import org.skillbroker.token.GrantCodec;
import org.skillbroker.token.Keyring;

import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;

/**
 * Cluster state in a relational database reached through the container's DataSource (JNDI), chosen by
 * {@code skillbroker.store.datasource}. The container owns the pool, the driver and the credentials; the broker
 * only borrows a connection per operation. PostgreSQL is the reference; the SQL is plain enough for Oracle and
 * SQL Server ({@link Dialect}).
 */
public final class JdbcClusterState implements ClusterState {

    private final Db db;
    private final JdbcGrantSlot grant;
    private final JdbcLeases leases;
    private final JdbcReverts reverts;
    private final JdbcAudit audit;
    private final JdbcBudget budget;

    /**
     * @throws IllegalStateException if the database holds a schema of a newer broker; a database that cannot be
     *                               reached is no error here (the broker starts and degrades until it is back)
     */
    public JdbcClusterState(DataSource dataSource, String name, Keyring keyring, String orgId, Clock clock) {
        Objects.requireNonNull(clock, "clock");
        this.db = new Db(dataSource, name, clock);
        this.grant = new JdbcGrantSlot(db, new GrantCodec(keyring, "admin-grant", orgId), clock);
        this.leases = new JdbcLeases(db, clock);
        this.reverts = new JdbcReverts(db);
        this.audit = new JdbcAudit(db);
        this.budget = new JdbcBudget(db);
        try {
            db.prepare();
        } catch (Schema.TooNewException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /**
     * Looks the DataSource up by its JNDI name ({@code java:comp/env/jdbc/skillbroker} on Tomcat, e.g.
     * {@code java:jboss/datasources/SkillBrokerDS} on WildFly).
     *
     * @throws IllegalArgumentException if there is no DataSource under that name
     */
    public static DataSource lookup(String jndiName) {
        try {
            Object found = InitialContext.doLookup(jndiName);
            if (found instanceof DataSource dataSource) {
                return dataSource;
            }
            throw new IllegalArgumentException("JNDI name " + jndiName + " is bound to a "
                    + (found == null ? "null" : found.getClass().getName()) + ", not a javax.sql.DataSource");
        } catch (NamingException e) {
            throw new IllegalArgumentException("no DataSource under the JNDI name " + jndiName + " ("
                    + e.getClass().getSimpleName() + "); declare it in the container (see README)");
        }
    }

    @Override
    public GrantSlot grant() {
        return grant;
    }

    @Override
    public Leases leases() {
        return leases;
    }

    @Override
    public PendingReverts reverts() {
        return reverts;
    }

    @Override
    public AuditLog audit() {
        return audit;
    }

    @Override
    public CallBudget budget() {
        return budget;
    }

    @Override
    public String description() {
        Dialect dialect = db.dialect();
        return "database " + db.name() + (dialect == null ? "" : " (" + dialect.name() + ")");
    }

    @Override
    public Optional<String> outage() {
        return db.outage().map(why -> "database " + db.name() + " unavailable: " + why);
    }

    @Override
    public void close() {
        // the container owns the DataSource and its pool; only the lease renewal thread is ours
        leases.close();
    }
}
