#!/bin/sh
# Runs Tern's whole performance comparison and writes docs/performance.md and
# docs/performance-coldstart.png: cold start in fresh JVMs against a no-op floor, raw Jackson
# handlers and Spring Cloud Function; per-event cost under JMH; harness throughput; footprint.
#
#   benchmarks/compare.sh            # the report (about 7-10 minutes on 2 cores)
#   benchmarks/compare.sh --quick    # 3 cold runs, short JMH: tries the pipeline in ~3 minutes
#   benchmarks/compare.sh --no-jmh   # cold start and footprint only
#
# JAVA (default: java on PATH) must be a JDK 17; JAVA25 (default: Temurin 25 under
# /usr/lib/jvm) enables the JDK 25 and AOT-cache rows. Not part of `mvn verify`.
set -eu
cd "$(dirname "$0")/.."
JAVA=${JAVA:-java}
JAVA25=${JAVA25:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}

echo "building Tern, the benchmarks and each module's runtime closure"
mvn -q -B -Dquick -DskipTests -pl benchmarks,adapters-aws,adapters-gcp,adapters-azure -am \
  package dependency:copy-dependencies -DincludeScope=runtime
echo "building the Spring Cloud Function baseline"
mvn -q -B -DskipTests -f benchmarks/spring-baseline/pom.xml package

CP=$(ls benchmarks/target/tern-benchmarks-*-SNAPSHOT.jar | grep -v -e '-driver' -e '-handlers' | head -1)
for jar in benchmarks/target/dependency/*.jar; do CP="$CP:$jar"; done
exec "$JAVA" -Djava.awt.headless=true -cp "$CP" dev.tern.benchmarks.report.Compare \
  --root . --java25 "$JAVA25" "$@"
