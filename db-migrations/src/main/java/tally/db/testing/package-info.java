/** Real PostgreSQL for every module's tests: one embedded server per test JVM, a fresh database per caller. */
package tally.db.testing;
