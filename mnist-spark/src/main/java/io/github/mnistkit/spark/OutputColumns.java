package io.github.mnistkit.spark;

import io.github.mnistkit.sdk.DigitSequence;
import io.github.mnistkit.sdk.Recognition;
import io.github.mnistkit.sdk.image.Box;
import java.io.Serializable;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The columns the transformer appends, in this order: digit, confidence, hasDigit, verdict, number,
 * boxes, model, error. A row with an error has only {@code model} and {@code error} set.
 */
record OutputColumns(
    String digit,
    String confidence,
    String hasDigit,
    String verdict,
    String number,
    String boxes,
    String model,
    String error)
    implements Serializable {

  /** One element of the {@code boxes} column: where a digit's ink is in the source image. */
  static final StructType BOX =
      new StructType()
          .add("x", DataTypes.IntegerType)
          .add("y", DataTypes.IntegerType)
          .add("width", DataTypes.IntegerType)
          .add("height", DataTypes.IntegerType)
          .add("digit", DataTypes.IntegerType)
          .add("confidence", DataTypes.FloatType);

  List<String> names() {
    return List.of(digit, confidence, hasDigit, verdict, number, boxes, model, error);
  }

  List<StructField> fields() {
    DataType[] types = {
      DataTypes.IntegerType,
      DataTypes.FloatType,
      DataTypes.BooleanType,
      DataTypes.StringType,
      DataTypes.StringType,
      DataTypes.createArrayType(BOX, false),
      DataTypes.StringType,
      DataTypes.StringType
    };
    List<String> names = names();
    StructField[] fields = new StructField[names.size()];
    for (int i = 0; i < fields.length; i++) {
      fields[i] = DataTypes.createStructField(names.get(i), types[i], true);
    }
    return List.of(fields);
  }

  /** The values of the appended columns for one outcome. */
  static Object[] values(Outcome outcome, String modelName) {
    if (outcome.failed()) {
      return new Object[] {null, null, null, null, null, null, modelName, outcome.error()};
    }
    if (outcome.number() != null) {
      DigitSequence number = outcome.number();
      return new Object[] {
        null,
        number.isEmpty() ? null : number.minConfidence(),
        !number.isEmpty(),
        verdict(number).name(),
        number.text(),
        boxes(number.digits()),
        modelName,
        null
      };
    }
    Recognition digit = outcome.digit();
    return new Object[] {
      digit.hasDigit() ? digit.digit() : null,
      digit.confidence(),
      digit.hasDigit(),
      digit.verdict().name(),
      null,
      digit.hasDigit() ? boxes(List.of(digit)) : new Row[0],
      modelName,
      null
    };
  }

  /**
   * A row's verdict: {@code DIGIT} when it is sure ({@link DigitSequence#isSure()}), {@code UNSURE}
   * when it has digits but is not sure, {@code NOT_A_DIGIT} when it holds only pieces the model
   * refused, {@code BLANK} when it holds nothing.
   */
  static Recognition.Verdict verdict(DigitSequence number) {
    if (!number.isEmpty()) {
      return number.isSure() ? Recognition.Verdict.DIGIT : Recognition.Verdict.UNSURE;
    }
    return number.refused().isEmpty() ? Recognition.Verdict.BLANK : Recognition.Verdict.NOT_A_DIGIT;
  }

  private static Row[] boxes(List<Recognition> digits) {
    Row[] rows = new Row[digits.size()];
    for (int i = 0; i < rows.length; i++) {
      Recognition r = digits.get(i);
      Box box = r.box();
      rows[i] =
          box == null
              ? RowFactory.create(null, null, null, null, r.digit(), r.confidence())
              : RowFactory.create(
                  box.x(), box.y(), box.width(), box.height(), r.digit(), r.confidence());
    }
    return rows;
  }
}
