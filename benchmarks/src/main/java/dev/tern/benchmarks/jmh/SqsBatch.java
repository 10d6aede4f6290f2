package dev.tern.benchmarks.jmh;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * An SQS event with a batch of ten messages for the {@code orders} queue; each body is bound to an
 * order.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SqsBatch extends Sqs {
  @Setup
  public void setUp() throws IOException {
    setUp(10);
  }

  @Benchmark
  @Override
  public byte[] tern() {
    return super.tern();
  }

  @Benchmark
  @Override
  public byte[] raw() throws IOException {
    return super.raw();
  }
}
