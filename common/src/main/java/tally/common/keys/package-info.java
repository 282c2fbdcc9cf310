/** The public ingest key and the secret key, and the filter that asks for them. */
package tally.common.keys;
