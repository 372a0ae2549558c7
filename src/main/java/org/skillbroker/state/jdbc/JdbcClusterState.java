package org.skillbroker.state.jdbc;

import org.skillbroker.state.ClusterStateParts;
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
public final class JdbcClusterState extends ClusterStateParts {

    private final Db db;

    /**
     * @throws IllegalStateException if the database holds a schema of a newer broker; a database that cannot be
     *                               reached is no error here (the broker starts and degrades until it is back)
     */
    public JdbcClusterState(DataSource dataSource, String name, Keyring keyring, String orgId, Clock clock) {
        this(new Db(dataSource, name, Objects.requireNonNull(clock, "clock")), keyring, orgId, clock);
    }

    private JdbcClusterState(Db db, Keyring keyring, String orgId, Clock clock) {
        super(new JdbcGrantSlot(db, new GrantCodec(keyring, "admin-grant", orgId), clock), new JdbcLeases(db, clock),
                new JdbcReverts(db), new JdbcAudit(db), new JdbcBudget(db));
        this.db = db;
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
    public String description() {
        Dialect dialect = db.dialect();
        return "database " + db.name() + (dialect == null ? "" : " (" + dialect.name() + ")");
    }

    @Override
    public Optional<String> outage() {
        return db.outage().map(why -> "database " + db.name() + " unavailable: " + why);
    }
}
