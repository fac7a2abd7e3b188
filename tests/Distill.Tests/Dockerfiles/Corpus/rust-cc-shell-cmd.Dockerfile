FROM rust:1.82-bookworm AS builder
WORKDIR /usr/src/server
COPY Cargo.toml Cargo.lock ./
COPY src ./src
RUN cargo build --release --locked

FROM distill/cc:nonroot
COPY --from=builder /usr/src/server/target/release/server /usr/local/bin/server
CMD /usr/local/bin/server --port 8080 --log-format 'json lines'
