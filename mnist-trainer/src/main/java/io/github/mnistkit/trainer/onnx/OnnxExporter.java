package io.github.mnistkit.trainer.onnx;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import io.github.mnistkit.sdk.ModelMetadata;
import io.github.mnistkit.sdk.data.IdxDataset;
import io.github.mnistkit.trainer.TrainerVersion;
import io.github.mnistkit.trainer.io.AtomicFiles;
import io.github.mnistkit.trainer.train.ConfidenceCalibration;
import io.github.mnistkit.trainer.train.TrainedModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a trained model as an ONNX file (input {@code image} [N,1,28,28]; outputs {@code logits}
 * and {@code probabilities} [N,10], or [N,11] with "not a digit") and proves it: the file is run in
 * ONNX Runtime on real images and compared with DJL before it replaces anything at the target path.
 */
public final class OnnxExporter {
  /** ONNX IR version 8 (ONNX 1.10+) with opset 17: both read by ONNX Runtime 1.28. */
  static final long IR_VERSION = 8;

  static final long OPSET = 17;

  private OnnxExporter() {}

  /**
   * The ONNX model for {@code model}, with {@code metadata} and the model's own facts (its classes,
   * and its calibration when it has one) as metadata properties.
   */
  public static ModelProto toOnnx(TrainedModel model, Map<String, String> given) {
    Map<String, String> metadata = new LinkedHashMap<>(given);
    metadata.putAll(modelFacts(model));
    GraphProto.Builder graph =
        GraphProto.newBuilder().setName("mnistkit_" + model.architecture().id());
    graph.addInput(tensor(ModelMetadata.INPUT_NAME, "N", 1, 28, 28));
    OnnxGraphWriter writer = new OnnxGraphWriter(graph);
    String logits =
        new LayerWriter(writer).write(model.network(), model.block(), ModelMetadata.INPUT_NAME);
    writer.namedNode("Identity", List.of(logits), ModelMetadata.LOGITS_OUTPUT);
    writer.namedNode(
        "Softmax",
        List.of(ModelMetadata.LOGITS_OUTPUT),
        ModelMetadata.PROBABILITIES_OUTPUT,
        OnnxGraphWriter.integer("axis", 1));
    graph.addOutput(tensor(ModelMetadata.LOGITS_OUTPUT, "N", model.classes()));
    graph.addOutput(tensor(ModelMetadata.PROBABILITIES_OUTPUT, "N", model.classes()));

    ModelProto.Builder onnx =
        ModelProto.newBuilder()
            .setIrVersion(IR_VERSION)
            .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
            .setProducerName("mnist-kit")
            .setProducerVersion(TrainerVersion.get())
            .setDocString(
                "Handwritten digit classifier ("
                    + model.architecture().id()
                    + "). "
                    + ModelMetadata.INPUT_FORMAT_VALUE
                    + ".")
            .setGraph(graph);
    metadata.forEach(
        (key, value) ->
            onnx.addMetadataProps(StringStringEntryProto.newBuilder().setKey(key).setValue(value)));
    return onnx.build();
  }

  /**
   * Writes {@code model} to {@code target} after proving it on {@code verificationImages}; an
   * export that fails the proof is deleted and the previous file at {@code target} is left
   * untouched.
   *
   * @throws ExportVerificationException when ONNX Runtime disagrees with DJL
   */
  public static Parity export(
      TrainedModel model,
      Map<String, String> metadata,
      Path target,
      IdxDataset verificationImages) {
    byte[] bytes = toOnnx(model, metadata).toByteArray();
    Path directory = target.toAbsolutePath().getParent();
    Path candidate = null;
    try {
      Files.createDirectories(directory);
      candidate = Files.createTempFile(directory, "." + target.getFileName(), ".candidate.onnx");
      Files.write(candidate, bytes);
      Parity parity = ExportVerifier.measure(candidate, model, verificationImages);
      if (!parity.holds()) {
        throw new ExportVerificationException(
            "The exported ONNX model does not match the trained model: "
                + parity
                + ". "
                + target
                + " was not written. This is a bug in the exporter; please report it"
                + " with the architecture name.");
      }
      AtomicFiles.write(target, out -> out.write(bytes));
      return parity;
    } catch (IOException e) {
      throw new UncheckedIOException("Could not write " + target + ": " + e.getMessage(), e);
    } finally {
      if (candidate != null) {
        try {
          Files.deleteIfExists(candidate);
        } catch (IOException ignored) {
          // a stray temporary file is harmless; the real error (if any) is already propagating
        }
      }
    }
  }

  private static Map<String, String> modelFacts(TrainedModel model) {
    Map<String, String> facts = new LinkedHashMap<>();
    facts.put(
        ModelMetadata.CLASSES,
        model.canRefuse() ? ModelMetadata.CLASSES_WITH_NOT_A_DIGIT : ModelMetadata.CLASSES_DIGITS);
    ConfidenceCalibration calibration = model.calibration();
    if (calibration.heldOutImages() > 0) {
      facts.put(
          ModelMetadata.TEMPERATURE, String.format(Locale.ROOT, "%.4f", calibration.temperature()));
      facts.put(
          ModelMetadata.CONFIDENCE_THRESHOLD,
          String.format(Locale.ROOT, "%.3f", calibration.confidenceThreshold()));
    }
    return facts;
  }

  private static ValueInfoProto tensor(String name, String batchDim, long... dims) {
    TensorShapeProto.Builder shape =
        TensorShapeProto.newBuilder()
            .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam(batchDim));
    for (long dim : dims) {
      shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(dim));
    }
    return ValueInfoProto.newBuilder()
        .setName(name)
        .setType(
            TypeProto.newBuilder()
                .setTensorType(
                    TypeProto.Tensor.newBuilder()
                        .setElemType(TensorProto.DataType.FLOAT.getNumber())
                        .setShape(shape)))
        .build();
  }
}
