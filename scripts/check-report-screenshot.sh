#!/usr/bin/env bash
# Renders a generated report (report.html and its PNGs) with headless Chromium and fails unless the
# screenshot shows a real page: a PNG of more than 20 KB with many distinct colours.
# Usage: [WINDOW_SIZE=1200,2400] scripts/check-report-screenshot.sh REPORT_DIR OUT.png [HTML_FILE_NAME]
set -euo pipefail

if [[ $# -lt 2 ]]; then
  echo "usage: $0 REPORT_DIR OUT.png [report.html]" >&2
  exit 2
fi
report_dir=$(cd "$1" && pwd)
out=$(realpath -m "$2")
html="$report_dir/${3:-report.html}"
[[ -f "$html" ]] || { echo "no $html" >&2; exit 1; }

chromium=/usr/bin/chromium
if [[ ! -x "$chromium" ]]; then
  echo "Installing Debian's chromium..." >&2
  apt-get install -y chromium >/dev/null
fi

profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
rm -f "$out"
# No network: the report must render from local files alone.
timeout 120 "$chromium" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$profile" --hide-scrollbars --screenshot="$out" --window-size="${WINDOW_SIZE:-1200,2400}" \
  "file://$html" >/dev/null 2>&1 || true

[[ -f "$out" ]] || { echo "FAIL: Chromium wrote no screenshot $out" >&2; exit 1; }
size=$(stat -c %s "$out")
if (( size < 20000 )); then
  echo "FAIL: screenshot $out is only $size bytes: a blank or broken page?" >&2
  exit 1
fi

# Count distinct colours with the JDK (no Python imaging library needed): a blank page has a handful.
java_src=$(mktemp -d)/Colours.java
cat > "$java_src" <<'JAVA'
import java.awt.image.BufferedImage;
import java.util.HashSet;
import java.util.Set;
import javax.imageio.ImageIO;

public class Colours {
  public static void main(String[] args) throws Exception {
    BufferedImage image = ImageIO.read(new java.io.File(args[0]));
    Set<Integer> colours = new HashSet<>();
    int nonWhite = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int rgb = image.getRGB(x, y) & 0xffffff;
        colours.add(rgb);
        if (rgb != 0xffffff) nonWhite++;
      }
    }
    System.out.println(image.getWidth() + "x" + image.getHeight() + " " + colours.size() + " " + nonWhite);
  }
}
JAVA
read -r dimensions colours non_white < <(java -Djava.awt.headless=true "$java_src" "$out")
rm -rf "$(dirname "$java_src")"
if (( colours < 50 || non_white < 100000 )); then
  echo "FAIL: screenshot $out ($dimensions) has $colours colours, $non_white non-white pixels: images missing?" >&2
  exit 1
fi
echo "OK: $out ($dimensions, $size bytes, $colours colours, $non_white non-white pixels)"
