FROM busybox:1.36-musl AS shell

FROM gcr.io/distroless/static-debian12
COPY --from=shell /bin/busybox /bin/sh
RUN ["/bin/sh", "-c", "mkdir -p /data"]
RUN mkdir -p /var/lib/app
ENTRYPOINT ["/usr/local/bin/app"]
