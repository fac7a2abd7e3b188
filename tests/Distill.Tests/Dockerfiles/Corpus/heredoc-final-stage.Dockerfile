# syntax=docker/dockerfile:1
FROM debian:bookworm-slim AS assets
RUN <<EOF
set -eu
mkdir -p /out/etc
echo "generated" > /out/etc/stamp
EOF

FROM distill/base:latest
COPY --from=assets /out/etc/stamp /etc/app/stamp
COPY <<EOF /etc/app/config.toml
listen = "0.0.0.0:8080"
log = "info"
EOF
RUN <<EOF
ln -s /etc/app/config.toml /etc/app.toml
EOF
ENTRYPOINT ["/usr/bin/app", "--config", "/etc/app/config.toml"]
