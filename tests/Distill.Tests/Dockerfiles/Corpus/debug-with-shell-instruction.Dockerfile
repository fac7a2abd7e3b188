FROM gcr.io/distroless/base-debian12:debug
SHELL ["/busybox/sh", "-c"]
COPY server /usr/local/bin/server
RUN mkdir -p /var/cache/server && /usr/local/bin/server --check-config
CMD /usr/local/bin/server --port "${PORT:-8080}"
