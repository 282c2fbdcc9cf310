/** The ingestion endpoints, their CORS, body limits and key check. */
package tally.ingest.http;
