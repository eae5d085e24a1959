# syntax=docker/dockerfile:1
# Build: mvn -B -ntp package -DskipTests && docker build -t lbp-cds-hooks .
FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 lbp
COPY bin/lbp-cds-hooks /app/bin/lbp-cds-hooks
# Extract the jar and record the class-data-sharing archive (training run) in the runtime image itself: an archive
# only fits the JVM and the jar files (path, size, time) it was written from. The fat jar is bind-mounted, so it does
# not end up in a layer.
RUN --mount=type=bind,source=target/lbp-cds-hooks.jar,target=/tmp/lbp-cds-hooks.jar \
    LBP_JAR=/tmp/lbp-cds-hooks.jar LBP_APP_DIR=/app /app/bin/lbp-cds-hooks --prepare
WORKDIR /app
ENV LBP_APP_DIR=/app
USER lbp
EXPOSE 8080
# JVM options: the launcher's defaults (256 MB heap, resident memory under 512 MB); override with LBP_JAVA_OPTS.
ENTRYPOINT ["/app/bin/lbp-cds-hooks"]
