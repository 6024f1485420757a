package io.github.mnistkit.benchmarks;

import io.github.mnistkit.sdk.DigitRecognizer;
import io.github.mnistkit.sdk.Precision;
import io.github.mnistkit.sdk.Recognition;
import io.github.mnistkit.sdk.data.IdxDataset;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/** Decode + preprocess + infer for one image, as an application calls it, fp32 and int8. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EndToEndBenchmark {
  @Param({"fp32", "int8"})
  public String precision;

  private DigitRecognizer recognizer;
  private byte[] png28;
  private byte[] jpeg1000;

  @Setup(Level.Trial)
  public void setUp() {
    IdxDataset test = BenchmarkData.testSet();
    png28 = BenchmarkData.mnistPng(test, 0);
    jpeg1000 = BenchmarkData.paperJpeg(test, 0, 1000);
    recognizer =
        DigitRecognizer.builder()
            .precision(Precision.valueOf(precision.toUpperCase(Locale.ROOT)))
            .threads(1)
            .build();
    if (recognizer.recognize(png28).digit() != test.label(0)
        || recognizer.recognize(jpeg1000).digit() != test.label(0)) {
      throw new IllegalStateException("benchmark images are not recognised correctly");
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    recognizer.close();
  }

  @Benchmark
  public Recognition png28x28() {
    return recognizer.recognize(png28);
  }

  @Benchmark
  public Recognition jpeg1000x1000() {
    return recognizer.recognize(jpeg1000);
  }
}
