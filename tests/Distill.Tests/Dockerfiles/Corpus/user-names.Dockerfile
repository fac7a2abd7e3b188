FROM distill/base-nossl
COPY app /app
USER app
USER nonroot:staff
USER nonroot:docker
USER 65532:65532
ENTRYPOINT ["/app"]
