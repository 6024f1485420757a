package io.github.mnistkit.sdk;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/**
 * Writes the seed corpora of the fuzz tests into src/test/resources (run from mnist-sdk with the
 * test classpath; the files are committed). Small real inputs of every kind each entry point reads.
 */
final class FuzzSeeds {
  private static final Path RESOURCES = Path.of("src/test/resources/io/github/mnistkit/sdk");

  private FuzzSeeds() {}

  public static void main(String[] args) throws IOException {
    writeModelSeeds(RESOURCES.resolve("ModelLoadingFuzzTestInputs"));
    writeIdxSeeds(RESOURCES.resolve("data/IdxReaderFuzzTestInputs"));
    Path images = RESOURCES.resolve("ImageFuzzTestInputs");
    io.github.mnistkit.sdk.image.ImageSeeds.write(images, images.resolve("readNumber"));
  }

  static void writeModelSeeds(Path dir) throws IOException {
    write(dir, "identity-3x32x32.onnx", WrongShapeModel.identity(3, 32, 32));
    write(dir, "identity-1x28x28.onnx", WrongShapeModel.identity(1, 28, 28));
    write(dir, "matmul-digit-model.onnx", ExternalDataModel.embedded());
    write(dir, "external-initializer.onnx", ExternalDataModel.externalInitializer("weights.bin"));
    write(dir, "external-constant.onnx", ExternalDataModel.externalConstant("weights.bin"));
    write(dir, "text.onnx", "this is a text file, not a model".getBytes());
  }

  static void writeIdxSeeds(Path dir) throws IOException {
    byte[] images = images(3, 3);
    byte[] labels = labels(3, 3);
    write(dir, "images-idx3-ubyte", images);
    write(dir, "images-idx3-ubyte.gz", gzip(images));
    write(dir, "labels-idx1-ubyte", labels);
    write(dir, "labels-idx1-ubyte.gz", gzip(labels));
    write(dir, "lying-1000000-images", java.util.Arrays.copyOf(images(1_000_000, 1), 816));
    write(dir, "lying-2739242-images.gz", gzip(java.util.Arrays.copyOf(images(2_739_242, 1), 816)));
    write(dir, "lying-labels", labels(10_000_000, 3));
  }

  /** An IDX images file declaring {@code declared} images and holding the first {@code actual}. */
  private static byte[] images(int declared, int actual) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeInt(2051);
    out.writeInt(declared);
    out.writeInt(28);
    out.writeInt(28);
    for (int i = 0; i < actual; i++) {
      out.write(Fixtures.TEST.imageBytes(i));
    }
    return bytes.toByteArray();
  }

  private static byte[] labels(int declared, int actual) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeInt(2049);
    out.writeInt(declared);
    for (int i = 0; i < actual; i++) {
      out.write(Fixtures.TEST.label(i));
    }
    return bytes.toByteArray();
  }

  static byte[] gzip(byte[] bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  static void write(Path dir, String name, byte[] bytes) throws IOException {
    Files.createDirectories(dir);
    Files.write(dir.resolve(name), bytes);
  }
}
