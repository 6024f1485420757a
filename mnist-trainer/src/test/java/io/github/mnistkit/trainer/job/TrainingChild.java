package io.github.mnistkit.trainer.job;

import io.github.mnistkit.trainer.data.DataSources;
import io.github.mnistkit.trainer.data.DatasetSpec;
import io.github.mnistkit.trainer.nn.Architecture;
import io.github.mnistkit.trainer.train.TrainingConfig;
import io.github.mnistkit.trainer.train.TrainingListener;
import java.nio.file.Path;

/**
 * A forced training run in a JVM of its own, for {@link KilledTrainingRunTest}: many short epochs
 * on a few fixture images, so it is still running when it is killed. Arguments: fixture folder,
 * output folder, seed.
 */
public final class TrainingChild {
  private TrainingChild() {}

  public static void main(String[] args) {
    TrainingConfig config =
        TrainingConfig.builder(Architecture.CNN)
            .epochs(10_000)
            .maxTrainImages(200)
            .batchSize(50)
            .seed(Long.parseLong(args[2]))
            .build();
    TrainingListener listener =
        new TrainingListener() {
          @Override
          public void onMessage(String message) {
            System.out.println(message);
          }
        };
    new TrainingRun(
            config, DatasetSpec.parse("mnist", null, Path.of(args[0])), Path.of(args[1]), listener)
        .sources(new DataSources(Path.of("target/no-cache"), true, System.out::println))
        .run(true);
  }
}
