FROM gcr.io/distroless/cc-debian12 AS runtime-base
WORKDIR /opt/service

FROM rust:1.82 AS build
COPY . /src
RUN cargo build --release --manifest-path /src/Cargo.toml

FROM Runtime-Base AS runtime
COPY --from=build /src/target/release/service ./service
ENTRYPOINT ["./service"]
CMD --config /etc/service.toml
