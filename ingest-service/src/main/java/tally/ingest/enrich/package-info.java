/** Enrichment: what the request tells about an event (client, source, country, visitor), and dropping bots. */
package tally.ingest.enrich;
