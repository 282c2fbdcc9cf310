/**
 * What every module's tests share: a real PostgreSQL (one embedded server per test JVM, a
 * fresh migrated database per caller) and a small HTTP client for the real servers.
 */
package tally.testing;
