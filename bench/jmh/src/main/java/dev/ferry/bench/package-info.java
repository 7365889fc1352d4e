/** JMH micro-benchmarks of Ferry's pure hot paths; run by {@code bench/jmh/run}, never by {@code mvn verify}. */
package dev.ferry.bench;
