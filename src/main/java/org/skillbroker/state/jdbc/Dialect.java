package org.skillbroker.state.jdbc;

import java.util.Locale;

/**
 * The only differences between databases the schema needs: the names of a 64-bit integer and of an unbounded
 * text type. Every statement is otherwise plain SQL that PostgreSQL (the reference), Oracle, SQL Server, MySQL
 * and H2 all accept; row limits go through {@code Statement.setMaxRows}, not a dialect's LIMIT.
 */
record Dialect(String name, String bigint, String text) {

    static Dialect of(String productName) {
        String product = productName.toLowerCase(Locale.ROOT);
        if (product.contains("oracle")) {
            return new Dialect(productName, "NUMBER(19)", "CLOB");
        }
        if (product.contains("microsoft") || product.contains("sql server")) {
            return new Dialect(productName, "BIGINT", "NVARCHAR(MAX)");
        }
        if (product.contains("mysql") || product.contains("mariadb")) {
            return new Dialect(productName, "BIGINT", "LONGTEXT");
        }
        if (product.contains("postgres")) {
            return new Dialect(productName, "BIGINT", "TEXT");
        }
        return new Dialect(productName, "BIGINT", "CLOB"); // SQL standard (H2, Derby, DB2)
    }

    /** True if the exception says a key or constraint was violated (SQLSTATE class 23), not that the database failed. */
    static boolean isConstraintViolation(java.sql.SQLException e) {
        return e instanceof java.sql.SQLIntegrityConstraintViolationException
                || (e.getSQLState() != null && e.getSQLState().startsWith("23"));
    }
}
