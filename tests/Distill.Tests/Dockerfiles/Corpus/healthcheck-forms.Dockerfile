FROM gcr.io/distroless/base-debian12:nonroot
COPY server /server
COPY health /health
HEALTHCHECK NONE
HEALTHCHECK --interval=30s --timeout=3s CMD ["/health", "--url", "http://127.0.0.1:8080/healthz"]
HEALTHCHECK --interval=30s CMD curl -f http://localhost:8080/ || exit 1
ENTRYPOINT ["/server"]
