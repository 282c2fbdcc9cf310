/** The schema's owner: Flyway migrations, the migrate command, and the embedded PostgreSQL for local runs. */
package tally.db;
