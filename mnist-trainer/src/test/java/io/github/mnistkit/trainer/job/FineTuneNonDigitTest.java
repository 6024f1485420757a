package io.github.mnistkit.trainer.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mnistkit.sdk.DigitRecognizer;
import io.github.mnistkit.sdk.Softmax;
import io.github.mnistkit.sdk.data.IdxDataset;
import io.github.mnistkit.trainer.Fixture;
import io.github.mnistkit.trainer.data.DigitData;
import io.github.mnistkit.trainer.data.NonDigitImages;
import io.github.mnistkit.trainer.data.PrintedDigits;
import io.github.mnistkit.trainer.nn.Architecture;
import io.github.mnistkit.trainer.train.Checkpoint;
import io.github.mnistkit.trainer.train.DigitTrainer;
import io.github.mnistkit.trainer.train.TrainedModel;
import io.github.mnistkit.trainer.train.TrainingConfig;
import io.github.mnistkit.trainer.train.TrainingListener;
import io.github.mnistkit.trainer.train.TrainingResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fine-tuning a model that can refuse keeps that skill: non-digits are replayed with MNIST. */
class FineTuneNonDigitTest {
  @TempDir Path dir;

  @Test
  void aFineTunedRefusingModelStillRefusesNonDigitsItNeverSaw() throws Exception {
    DigitData mnist = Fixture.load();
    Path base = dir.resolve("base/checkpoint.params");
    TrainingConfig config = TrainingConfig.builder(Architecture.CNN).epochs(3).build();
    try (TrainingResult result =
        new DigitTrainer(config, TrainingListener.SILENT, null).train(mnist)) {
      Checkpoint.write(base, result.model(), Map.of("dataset", "mnist-fixture"));
    }
    Path printed = dir.resolve("printed");
    PrintedDigits.generate(printed, 40, 11);
    // drawn from test digits with another seed: none of these was a training image
    IdxDataset unseen = NonDigitImages.generate(mnist.test(), null, 300, 977);

    List<String> log = new ArrayList<>();
    TrainingListener listener =
        new TrainingListener() {
          @Override
          public void onMessage(String message) {
            log.add(message);
          }
        };
    FineTuneJob.Outcome outcome =
        new FineTuneJob(
                FineTuneConfig.builder(base, printed).epochs(4).minTestImages(80).build(),
                dir.resolve("tuned"),
                listener,
                mnist.train(),
                mnist.test())
            .run();
    assertTrue(outcome.written(), outcome.summary());
    assertTrue(
        log.stream().anyMatch(l -> l.startsWith("Generated ") && l.contains("'not a digit'")),
        "non-digits are generated for the replay: " + log);

    double before;
    try (Checkpoint.Loaded loaded = Checkpoint.read(base)) {
      before = refused(loaded.model(), unseen);
    }
    double after;
    try (Checkpoint.Loaded loaded = Checkpoint.read(outcome.checkpoint())) {
      assertEquals(11, loaded.model().classes());
      after = refused(loaded.model(), unseen);
    }
    System.out.printf("unseen non-digits refused: base %.3f, fine-tuned %.3f%n", before, after);
    assertTrue(before > 0.5, "the base model learned to refuse: " + before);
    // measured: 0.84-0.88 before, 0.73-0.81 after; 0.35 after when the replay holds no non-digits
    assertTrue(after >= Math.max(0.6, before - 0.2), "refusal kept: " + before + " -> " + after);
    try (DigitRecognizer recognizer = DigitRecognizer.builder().model(outcome.model()).build()) {
      assertTrue(recognizer.modelInfo().canRefuse(), recognizer.modelInfo().toString());
    }
  }

  private static double refused(TrainedModel model, IdxDataset nonDigits) {
    float[] p = model.probabilities(nonDigits);
    int refused = 0;
    for (int i = 0; i < nonDigits.size(); i++) {
      int columns = TrainedModel.COLUMNS;
      refused += Softmax.argmax(p, i * columns, columns) == TrainedModel.NOT_A_DIGIT ? 1 : 0;
    }
    return refused / (double) nonDigits.size();
  }
}
