package example;

import io.github.mnistkit.sdk.DigitRecognizer;
import io.github.mnistkit.sdk.Recognition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Recognises every image in a folder with a trained model and checks the answers: each file name
 * starts with the digit it shows ({@code 7-mnist-test-0.png}). Exits with 1 on a wrong digit.
 */
public final class DigitsApp {
  public static void main(String[] args) throws Exception {
    Path model = Path.of(args[0]);
    List<Path> images;
    try (Stream<Path> files = Files.list(Path.of(args[1]))) {
      images = files.filter(f -> f.toString().endsWith(".png")).sorted().toList();
    }
    int wrong = 0;
    try (DigitRecognizer recognizer = DigitRecognizer.builder().model(model).build()) {
      System.out.println("Model: " + recognizer.modelInfo());
      for (Path image : images) {
        int expected = image.getFileName().toString().charAt(0) - '0';
        Recognition answer = recognizer.recognize(image);
        boolean right = answer.digit() == expected;
        wrong += right ? 0 : 1;
        System.out.println(
            image.getFileName() + " -> " + answer + (right ? "" : "  WRONG, expected " + expected));
      }
    }
    if (images.isEmpty() || wrong > 0) {
      System.out.println("DigitsApp: " + wrong + " of " + images.size() + " digits wrong");
      System.exit(1);
    }
    System.out.println("DigitsApp: all " + images.size() + " digits recognised correctly");
  }
}
