/** Benchmarks: JMH micro-benchmarks and the end-to-end load generator. Measured, never asserted. */
package org.careledger.bench;
