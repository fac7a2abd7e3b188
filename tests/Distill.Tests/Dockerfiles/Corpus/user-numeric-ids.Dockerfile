FROM distill/static
COPY --chown=1000:1000 app /app
USER 1000:1000
ENTRYPOINT ["/app"]
