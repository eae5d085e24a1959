# Build: mvn -B -ntp package -DskipTests && docker build -t lbp-cds-hooks .
FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 lbp
WORKDIR /app
COPY target/lbp-cds-hooks.jar /app/lbp-cds-hooks.jar
USER lbp
EXPOSE 8080
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/lbp-cds-hooks.jar"]
