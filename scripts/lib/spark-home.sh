# A Spark installation for the standalone cluster and spark-submit, made of the project's own
# Maven-resolved jars (no download): SPARK_HOME/jars holds Spark and its dependencies. Source it.
# Defines SPARK_HOME and ensure_spark_home; exports the environment a Spark 4 / Scala 2.13
# standalone cluster on loopback needs.
home="${home:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"
export SPARK_HOME="${BERNOULLI_SPARK_HOME:-$home/target/spark-home}"
# Without it every executor fails with "Cannot find any build directories".
export SPARK_SCALA_VERSION=2.13
export SPARK_LOCAL_IP=127.0.0.1
export SPARK_LOCAL_HOSTNAME=127.0.0.1

ensure_spark_home() {
  if [[ ! -f "$SPARK_HOME/jars/.complete" ]]; then
    mkdir -p "$SPARK_HOME/jars"
    mvn -B -q -f "$home/pom.xml" dependency:copy-dependencies -DincludeScope=provided \
      -DoutputDirectory="$SPARK_HOME/jars" >&2
    touch "$SPARK_HOME/jars/.complete"
  fi
}

# The JSON state of a standalone master, from its web UI on loopback.
master_json() {
  curl -sf --max-time 5 "$1/json/"
}
