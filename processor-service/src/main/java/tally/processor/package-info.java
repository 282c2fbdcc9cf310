/** The processor service: claim queued events, write them and their rollups, delete them, in one transaction. */
package tally.processor;
