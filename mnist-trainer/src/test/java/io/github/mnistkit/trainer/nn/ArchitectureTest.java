package io.github.mnistkit.trainer.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mnistkit.trainer.nn.Layer.Dense;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArchitectureTest {
  @Test
  void namesAreTheSharedVocabulary() {
    assertEquals(
        List.of("cnn", "basic-cnn", "resnet-small", "resnet18", "resnet34"),
        List.of(Architecture.values()).stream().map(Architecture::id).toList());
    assertEquals(Architecture.RESNET_SMALL, Architecture.fromId(" ResNet-Small "));
  }

  @Test
  void unknownNameListsTheValidOnes() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Architecture.fromId("vgg"));
    assertTrue(e.getMessage().contains("'vgg'"), e.getMessage());
    assertTrue(
        e.getMessage().contains("cnn, basic-cnn, resnet-small, resnet18, resnet34"),
        e.getMessage());
  }

  @Test
  void denseLayersSeeTheReferenceFeatureCounts() {
    // the designs state these sizes: cnn 1152→256, basic-cnn 9216→128, resnet-small 6272→10, resnet
    // 512→10
    assertEquals(1152, featuresBeforeFirstDense(Architecture.CNN));
    assertEquals(9216, featuresBeforeFirstDense(Architecture.BASIC_CNN));
    assertEquals(6272, featuresBeforeFirstDense(Architecture.RESNET_SMALL));
    assertEquals(512, featuresBeforeFirstDense(Architecture.RESNET18));
    assertEquals(512, featuresBeforeFirstDense(Architecture.RESNET34));
    for (Architecture a : Architecture.values()) {
      assertArrayEquals(new int[] {10}, a.network().outputShape(new int[] {1, 28, 28}), a.id());
    }
  }

  @Test
  void deeperNetworksCostMore() {
    long cnn = Architecture.CNN.macsPerImage();
    assertTrue(cnn > 5_000_000 && cnn < 15_000_000, "cnn MACs " + cnn);
    assertTrue(Architecture.RESNET34.macsPerImage() > Architecture.RESNET18.macsPerImage());
    assertTrue(Architecture.RESNET18.macsPerImage() > Architecture.RESNET_SMALL.macsPerImage());
  }

  private static int featuresBeforeFirstDense(Architecture architecture) {
    int[] shape = {1, 28, 28};
    for (Layer layer : flatten(architecture.network())) {
      if (layer instanceof Dense) {
        return shape[0];
      }
      shape = layer.outputShape(shape);
    }
    throw new AssertionError("no dense layer");
  }

  private static List<Layer> flatten(Layer.Sequence sequence) {
    return sequence.layers().stream()
        .flatMap(
            l ->
                l instanceof Layer.Sequence s ? flatten(s).stream() : java.util.stream.Stream.of(l))
        .toList();
  }
}
