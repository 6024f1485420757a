package io.github.mnistkit.trainer.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.ParameterTracker;
import io.github.mnistkit.sdk.Softmax;
import io.github.mnistkit.sdk.data.IdxDataset;
import io.github.mnistkit.trainer.data.CutDigits;
import io.github.mnistkit.trainer.data.DigitData;
import io.github.mnistkit.trainer.data.NonDigitImages;
import io.github.mnistkit.trainer.nn.Layer;
import io.github.mnistkit.trainer.stats.Proportion;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Trains one of the reference architectures with DJL on the PyTorch engine: seeded shuffling and
 * initialisation, optional augmentation, a validation split, per-epoch statistics, and the best
 * epoch's parameters kept (and checkpointed atomically when a checkpoint file is given).
 */
public final class DigitTrainer {
  /** Generated "not a digit" images, as a share of the training digits. */
  static final int NON_DIGIT_SHARE_PERCENT = 20;

  /** Generated digits cut from rows of touching digits, as a share of the training digits. */
  static final int CUT_DIGIT_SHARE_PERCENT = 10;

  static {
    GpuProbeNoise.quietWithoutDriver(); // before DJL's engine starts
  }

  private final TrainingConfig config;
  private final TrainingListener listener;
  private final Path checkpointFile;

  /**
   * @param checkpointFile where the best parameters so far are written after every epoch
   *     (atomically), or {@code null} for none
   */
  public DigitTrainer(TrainingConfig config, TrainingListener listener, Path checkpointFile) {
    this.config = config;
    this.listener = listener;
    this.checkpointFile = checkpointFile;
  }

  /** Trains a new model on {@code data.train()} and measures it on {@code data.test()}. */
  public TrainingResult train(DigitData data) {
    Engine.getEngine("PyTorch").setRandomSeed((int) config.seed());
    Random random = new Random(config.seed());
    IdxDataset digits =
        config.maxTrainImages() > 0 ? data.train().head(config.maxTrainImages()) : data.train();
    IdxDataset source =
        config.notADigit() ? withGenerated(digits, config.seed(), listener) : digits;
    int[] order = Shuffle.permutation(source.size(), random);
    int validationCount = Math.round(source.size() * config.validationFraction());
    IdxDataset validation = source.select(Arrays.copyOfRange(order, 0, validationCount));
    IdxDataset train = source.select(Arrays.copyOfRange(order, validationCount, order.length));
    if (train.size() < 2) {
      throw new IllegalArgumentException(
          "Only "
              + train.size()
              + " training images after the validation"
              + " split; training needs at least 2. Use more data or a smaller validation fraction.");
    }
    TrainedModel model = TrainedModel.create(config.architecture(), config.classes());
    try {
      return fit(
          model,
          new ShuffledBatches(train, config.batchSize(), config.augment()),
          validation,
          data.test(),
          data.name(),
          random);
    } catch (RuntimeException | Error e) {
      model.close();
      throw e;
    }
  }

  /**
   * {@code digits} followed by {@value #NON_DIGIT_SHARE_PERCENT}% as many generated "not a digit"
   * images (from these training digits, and Fashion-MNIST's training pictures when installed) and
   * {@value #CUT_DIGIT_SHARE_PERCENT}% as many of these digits as the row segmenter cuts them from
   * touching rows ({@link CutDigits}): a model that can refuse must not refuse those.
   */
  public static IdxDataset withGenerated(IdxDataset digits, long seed, TrainingListener listener) {
    int count = (int) ((long) digits.size() * NON_DIGIT_SHARE_PERCENT / 100);
    IdxDataset pictures = NonDigitImages.fashionTrainIfInstalled();
    IdxDataset nonDigits = NonDigitImages.generate(digits, pictures, count, seed);
    int cutCount = (int) ((long) digits.size() * CUT_DIGIT_SHARE_PERCENT / 100);
    IdxDataset cutDigits = CutDigits.generate(digits, cutCount, seed);
    listener.onMessage(
        "Generated "
            + nonDigits.size()
            + " 'not a digit' training images (letters, symbols, marks, glued digits, parts of digits"
            + (pictures == null ? "" : ", Fashion-MNIST pictures")
            + ") and "
            + cutDigits.size()
            + " digits cut from touching rows");
    return digits.concat(nonDigits).concat(cutDigits);
  }

  /**
   * Continues training {@code model} (which this call then owns: it is returned inside the result,
   * or closed on failure) on {@code userTrain}, mixing {@code replayFraction} of every batch from
   * {@code replay}; keeps the epoch with the best accuracy on {@code userValidation}.
   *
   * @param freezeFeatures train only the classifier head (the layers after the last flatten/pool)
   */
  public TrainingResult fineTune(
      TrainedModel model,
      IdxDataset userTrain,
      IdxDataset userValidation,
      IdxDataset test,
      IdxDataset replay,
      float replayFraction,
      boolean freezeFeatures,
      String name) {
    Engine.getEngine("PyTorch").setRandomSeed((int) config.seed());
    try {
      if (freezeFeatures) {
        freezeFeatureLayers(model);
      }
      BatchSource batches =
          new ReplayBatches(
              userTrain, replay, replayFraction, config.batchSize(), config.augment());
      return fit(model, batches, userValidation, test, name, new Random(config.seed()));
    } catch (RuntimeException | Error e) {
      model.close();
      throw e;
    }
  }

  private static void freezeFeatureLayers(TrainedModel model) {
    List<Layer> layers = model.network().layers();
    int head = 0;
    for (int i = 0; i < layers.size(); i++) {
      if (layers.get(i) instanceof Layer.Flatten
          || layers.get(i) instanceof Layer.GlobalAveragePool) {
        head = i;
      }
    }
    var children = model.block().getChildren();
    for (int i = 0; i < head; i++) {
      children.get(i).getValue().freezeParameters(true);
    }
  }

  private TrainingResult fit(
      TrainedModel model,
      BatchSource batches,
      IdxDataset validation,
      IdxDataset test,
      String dataName,
      Random random) {
    long started = System.nanoTime();
    listener.onMessage(
        String.format(
            "Training %s (%d classes) on %s: %d training, %d validation, %d test images;"
                + " %s lr=%s schedule=%s batch=%d epochs=%d seed=%d augment=%s",
            config.architecture(),
            model.classes(),
            dataName,
            batches.imagesPerEpoch(),
            validation.size(),
            test.size(),
            config.optimizer(),
            config.learningRate(),
            config.schedule(),
            config.batchSize(),
            config.epochs(),
            config.seed(),
            config.augment()));
    int batchCount = batches.batchesPerEpoch(config.batchSize());
    List<EpochStats> history = new ArrayList<>();
    int bestEpoch = 0;
    double bestScore = Double.NEGATIVE_INFINITY;
    byte[] bestParameters = null;

    DefaultTrainingConfig djlConfig =
        new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
            .optOptimizer(optimizer(batchCount))
            .optDevices(new Device[] {Device.cpu()});
    try (Trainer trainer = model.djlModel().newTrainer(djlConfig)) {
      // initialises new parameters; for loaded ones it only switches gradients on (frozen ones stay
      // off)
      trainer.initialize(TrainedModel.INPUT_SHAPE);
      for (int epoch = 1; epoch <= config.epochs(); epoch++) {
        long epochStart = System.nanoTime();
        double lr = config.schedule().rate(config.learningRate(), epoch - 1, config.epochs());
        double[] trainStats = runEpoch(trainer, batches, batchCount, epoch, random);
        double[] validationStats = evaluate(model, validation);
        double seconds = (System.nanoTime() - epochStart) / 1e9;
        EpochStats stats =
            new EpochStats(
                epoch,
                trainStats[0],
                trainStats[1],
                validationStats[0],
                validationStats[1],
                seconds,
                lr);
        history.add(stats);
        double score = validation.size() > 0 ? stats.validationAccuracy() : stats.trainAccuracy();
        boolean best = score > bestScore;
        if (best) {
          bestScore = score;
          bestEpoch = epoch;
          bestParameters = parameters(model);
          if (checkpointFile != null) {
            Checkpoint.write(
                checkpointFile,
                model,
                Map.of(
                    "dataset",
                    dataName,
                    "epoch",
                    Integer.toString(epoch),
                    "validation_accuracy",
                    Double.toString(stats.validationAccuracy())));
          }
        }
        listener.onEpoch(stats, config.epochs(), best);
      }
    }
    restore(model, bestParameters);
    if (validation.size() >= ConfidenceCalibration.MIN_IMAGES) {
      model.calibrate(ConfidenceCalibration.fit(model, validation));
      listener.onMessage("Calibrated: " + model.calibration());
    }
    float[] testProbabilities = probabilities(model, test);
    double[] testStats = stats(testProbabilities, test);
    double totalSeconds = (System.nanoTime() - started) / 1e9;
    int correct = (int) Math.round(testStats[1] * test.size());
    listener.onMessage(
        test.size() == 0
            ? String.format(
                Locale.ROOT,
                "Best epoch %d (no test images); %.1f s in total",
                bestEpoch,
                totalSeconds)
            : String.format(
                Locale.ROOT,
                "Best epoch %d; test accuracy %s; %.1f s in total",
                bestEpoch,
                new Proportion(correct, test.size()),
                totalSeconds));
    return new TrainingResult(
        model,
        config,
        dataName,
        history,
        bestEpoch,
        testStats[0],
        testStats[1],
        batches.imagesPerEpoch(),
        validation.size(),
        test.size(),
        totalSeconds,
        testProbabilities);
  }

  private double[] runEpoch(
      Trainer trainer, BatchSource batches, int batchCount, int epoch, Random random) {
    int batchSize = config.batchSize();
    float[] x = new float[batchSize * 784];
    float[] y = new float[batchSize];
    double lossSum = 0;
    long correct = 0;
    batches.startEpoch(random);
    for (int b = 0; b < batchCount; b++) {
      batches.fill(b, x, y, random);
      try (NDManager scope = trainer.getManager().newSubManager()) {
        NDArray images = scope.create(FloatBuffer.wrap(x), new Shape(batchSize, 1, 28, 28));
        NDArray labels = scope.create(y);
        try (GradientCollector collector = trainer.newGradientCollector()) {
          NDArray logits = trainer.forward(new NDList(images)).singletonOrThrow();
          NDArray loss = trainer.getLoss().evaluate(new NDList(labels), new NDList(logits));
          collector.backward(loss);
          lossSum += loss.getFloat() * batchSize;
          correct += logits.argMax(1).toType(DataType.FLOAT32, false).eq(labels).sum().getLong();
        }
        trainer.step();
      }
      int seen = (b + 1) * batchSize;
      listener.onBatch(
          epoch, config.epochs(), b + 1, batchCount, lossSum / seen, correct / (double) seen);
    }
    int seen = batchCount * batchSize;
    return new double[] {lossSum / seen, correct / (double) seen};
  }

  /** Mean cross-entropy and accuracy in inference mode; NaN for an empty set. */
  public static double[] evaluate(TrainedModel model, IdxDataset data) {
    return stats(probabilities(model, data), data);
  }

  private static float[] probabilities(TrainedModel model, IdxDataset data) {
    return data.size() == 0 ? new float[0] : model.probabilities(data);
  }

  private static double[] stats(float[] probabilities, IdxDataset data) {
    if (data.size() == 0) {
      return new double[] {Double.NaN, Double.NaN};
    }
    double loss = 0;
    int correct = 0;
    for (int i = 0; i < data.size(); i++) {
      int label = data.label(i);
      int row = i * TrainedModel.COLUMNS;
      loss -= Math.log(Math.max(probabilities[row + label], 1e-12));
      if (Softmax.argmax(probabilities, row, TrainedModel.COLUMNS) == label) {
        correct++;
      }
    }
    return new double[] {loss / data.size(), correct / (double) data.size()};
  }

  private Optimizer optimizer(int batchesPerEpoch) {
    ParameterTracker rate =
        (parameterId, update) ->
            config
                .schedule()
                .rate(config.learningRate(), update / (double) batchesPerEpoch, config.epochs());
    return switch (config.optimizer()) {
      case ADAM -> Optimizer.adam().optLearningRateTracker(rate).build();
      case ADAMW -> Optimizer.adamW().optLearningRateTracker(rate).build();
      case SGD -> Optimizer.sgd().setLearningRateTracker(rate).optMomentum(0.9f).build();
      case ADADELTA -> new ScaledAdadelta(rate);
    };
  }

  private static byte[] parameters(TrainedModel model) {
    try (ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes)) {
      model.block().saveParameters(out);
      out.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void restore(TrainedModel model, byte[] parameters) {
    if (parameters == null) {
      return;
    }
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(parameters))) {
      model.block().loadParameters(model.manager(), in);
    } catch (IOException | ai.djl.MalformedModelException e) {
      throw new IllegalStateException("Could not restore the best epoch's parameters", e);
    }
  }
}
