package io.github.mnistkit.trainer.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.github.mnistkit.sdk.ModelMetadata;
import io.github.mnistkit.sdk.data.IdxDataset;
import io.github.mnistkit.trainer.train.Softmax;
import io.github.mnistkit.trainer.train.TrainedModel;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Map;

/** Runs the same real images through ONNX Runtime and DJL and measures how far they disagree. */
public final class ExportVerifier {
  /** The number of images every export is checked on (fewer only if the data set is smaller). */
  public static final int IMAGES = 256;

  private ExportVerifier() {}

  public static Parity measure(Path onnxFile, TrainedModel model, IdxDataset images) {
    int n = Math.min(IMAGES, images.size());
    float[] pixels = new float[n * 784];
    for (int i = 0; i < n; i++) {
      images.copyImage(i, pixels, i * 784);
    }
    float[] expected = model.probabilities(pixels, n);
    float[] actual = runOnnx(onnxFile, pixels, n);
    double maxDiff = 0;
    int mismatches = 0;
    int nonFinite = 0;
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < 10; c++) {
        float e = expected[i * 10 + c];
        float a = actual[i * 10 + c];
        if (!Float.isFinite(e) || !Float.isFinite(a)) {
          nonFinite++;
        } else {
          maxDiff = Math.max(maxDiff, Math.abs(e - a));
        }
      }
      if (Softmax.argmax(expected, i * 10, 10) != Softmax.argmax(actual, i * 10, 10)) {
        mismatches++;
      }
    }
    return new Parity(n, maxDiff, mismatches, nonFinite);
  }

  private static float[] runOnnx(Path onnxFile, float[] pixels, int n) {
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        OrtSession session = env.createSession(onnxFile.toString(), options);
        OnnxTensor input = OnnxTensor.createTensor(env, FloatBuffer.wrap(pixels), new long[] {n, 1, 28, 28});
        OrtSession.Result result = session.run(Map.of(ModelMetadata.INPUT_NAME, input))) {
      float[][] probabilities = (float[][]) result.get(ModelMetadata.PROBABILITIES_OUTPUT)
          .orElseThrow(() -> new ExportVerificationException(onnxFile + " has no '"
              + ModelMetadata.PROBABILITIES_OUTPUT + "' output"))
          .getValue();
      float[] flat = new float[n * 10];
      for (int i = 0; i < n; i++) {
        System.arraycopy(probabilities[i], 0, flat, i * 10, 10);
      }
      return flat;
    } catch (OrtException e) {
      throw new ExportVerificationException("ONNX Runtime could not run " + onnxFile + ": " + e.getMessage(), e);
    }
  }
}
