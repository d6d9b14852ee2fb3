// Four test classes at a time instead of one per core: an integration test spends most of its time
// waiting on HTTP round trips, PostgreSQL and converters (LibreOffice, libvips), not on the CPU.
// Each class has its own host and database (TestPostgres), so classes share nothing but the server.
[assembly: CollectionBehavior(MaxParallelThreads = 4)]
