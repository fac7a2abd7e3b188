FROM distill/static:nonroot
COPY api .
ENTRYPOINT ["./api"]
