package tally.system;

/** The three deployable services, with where `mvn package` puts their jars. */
enum Service {
    INGEST("ingest-service/target/tally-ingest.jar"),
    PROCESSOR("processor-service/target/tally-processor.jar"),
    STATS("stats-service/target/tally-stats.jar");

    final String jar;

    Service(String jar) {
        this.jar = jar;
    }
}
