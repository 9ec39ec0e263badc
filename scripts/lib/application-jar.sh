# The application jar of one Spark line, for scripts/bernoulli and scripts/submit. Source it, then call
# find_application_jar: it sets
#   line                sparkLINE_SCALA: BERNOULLI_SPARK_LINE (e.g. spark3.5_2.12), else pom.xml's default line
#   jar                 that line's jar (target/ for the default line, target/LINE/ for a line's profile)
#   launcher_classpath  the file listing that line's Spark jars in the local Maven repository
#   build_command       what builds it
# and exits 1, saying what to run, when the line is not built.
home="${home:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"

find_application_jar() {
  local default_line profile dir found
  default_line="spark$(sed -n 's:.*<spark.line>\(.*\)</spark.line>.*:\1:p' "$home/pom.xml" | head -n 1)_$(sed -n \
    's:.*<scala.binary.version>\(.*\)</scala.binary.version>.*:\1:p' "$home/pom.xml" | head -n 1)"
  line="${BERNOULLI_SPARK_LINE:-$default_line}"
  case "$line" in
    "$default_line") profile="" ;;
    spark3.5_2.12) profile=" -P spark-3.5_2.12" ;;
    spark*_2.13) profile=" -P spark-${line#spark}"; profile="${profile%_2.13}" ;;
    *) echo "$(basename "$0"): BERNOULLI_SPARK_LINE must name a line as sparkLINE_SCALA (for example spark3.5_2.12), got '$line'" >&2
       exit 2 ;;
  esac
  build_command="mvn -B -q package -DskipTests$profile"
  jar="" launcher_classpath=""
  for dir in "$home/target" "$home/target/$line"; do
    found="$(ls "$dir"/bernoulli-*-"$line".jar 2>/dev/null | grep -v -e '/original-' -e '-sources' | head -n 1 || true)"
    if [[ -n "$found" && -f "$dir/launcher-classpath-$line.txt" ]]; then
      jar="$found" launcher_classpath="$dir/launcher-classpath-$line.txt"
      return 0
    fi
  done
  echo "$(basename "$0"): the $line jar is not built yet; run '$build_command' in $home first" >&2
  exit 1
}
