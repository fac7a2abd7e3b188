FROM maven:3.9-eclipse-temurin-21 AS build
COPY . /src
RUN ['mvn', '-f', '/src/pom.xml', 'package']

FROM gcr.io/distroless/java21-debian12
COPY --from=build /src/target/app.jar /app/app.jar
CMD ['/app/app.jar']
